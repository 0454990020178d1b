#!/bin/sh
echo "not an ELF file, a shell script"
