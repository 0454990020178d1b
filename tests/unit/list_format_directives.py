#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every printf directive loader/ and arch/ pass to myld's formatter, as a
C header for tests/unit/test_lib.c, which formats each one with
fmt_format and with the C library's snprintf and wants the same text.

The formatting functions are found from their declarations
(__attribute__((format(printf, F, A)))) and from macros that forward
__VA_ARGS__ to one (say(...), fail(...)); the format argument of every
call is read, and each string literal in it (adjacent literals joined)
is split into directives.  A directive the scan cannot classify, or a
call whose format argument has no literal and is not a plain forwarded
`fmt`, fails the build: a new kind of call must be taught here, not
skipped.

usage: list_format_directives.py OUTPUT.h SOURCE_ROOT"""
import os
import re
import sys

DIRECTIVE = re.compile(
    r'%([-+ 0#]*)([0-9]+|\*)?(\.([0-9]+|\*)?)?(hh|h|ll|l|z|j|t|L)?(.)',
    re.S)
FORMAT_ATTR = re.compile(
    r'format\s*\(\s*printf\s*,\s*(\d+)\s*,\s*\d+\s*\)\s*\)\s*\)\s*'
    r'(?:[A-Za-z_][\w\s\*]*?)\b([A-Za-z_]\w*)\s*\(', re.S)
# A declaration whose attribute follows it: "void f(...)\n\t__attribute__".
FORMAT_ATTR_AFTER = re.compile(
    r'\b([A-Za-z_]\w*)\s*\([^;{]*?\)\s*__attribute__\s*\(\(\s*'
    r'format\s*\(\s*printf\s*,\s*(\d+)', re.S)
FORWARDING_MACRO = re.compile(
    r'#define\s+(\w+)\(\.\.\.\)\s*\(?\s*(\w+)\s*\(([^()]*?)__VA_ARGS__')


def strip_comments(text):
    """TEXT with comments blanked (newlines kept, for line numbers)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text[i] in '"\'':
            j = skip_quoted(text, i)
            out.append(text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


def skip_quoted(text, i):
    quote, j = text[i], i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == '\\' else 1
    return j + 1


def unescape(body):
    return re.sub(r'\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)',
                  lambda m: {'n': '\n', 't': '\t', 'r': '\r'}.get(
                      m.group(1), m.group(1) if len(m.group(1)) == 1
                      else '?'), body)


def call_arguments(text, open_paren):
    """The top-level arguments of the call whose '(' is at OPEN_PAREN."""
    args, depth, start, i = [], 0, open_paren + 1, open_paren
    while i < len(text):
        c = text[i]
        if c in '"\'':
            i = skip_quoted(text, i)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append(text[start:i])
                return args
        elif c == ',' and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    return args


def literals(arg):
    """Each run of adjacent string literals in ARG, joined and unescaped."""
    runs, cur, i = [], None, 0
    while i < len(arg):
        c = arg[i]
        if c == '"':
            j = skip_quoted(arg, i)
            cur = (cur or '') + unescape(arg[i + 1:j - 1])
            i = j
            continue
        if c == "'":
            i = skip_quoted(arg, i)
        elif not c.isspace():
            if cur is not None:
                runs.append(cur)
            cur = None
        i += 1
    if cur is not None:
        runs.append(cur)
    return runs


def sources(root):
    for top in ('loader', 'arch'):
        for dirpath, _, names in sorted(os.walk(os.path.join(root, top))):
            for name in sorted(names):
                if name.endswith(('.c', '.h')):
                    path = os.path.join(dirpath, name)
                    with open(path, encoding='utf-8') as f:
                        yield os.path.relpath(path, root), strip_comments(
                            f.read())


def format_functions(files):
    """{name: index of the format argument, from 0}"""
    funcs = {'fmt_vformat': 2, 'fmt_vsink': 1}
    for _, text in files:
        for m in FORMAT_ATTR.finditer(text):
            funcs[m.group(2)] = int(m.group(1)) - 1
        for m in FORMAT_ATTR_AFTER.finditer(text):
            funcs[m.group(1)] = int(m.group(2)) - 1
    for _ in range(2):
        for _, text in files:
            for m in FORWARDING_MACRO.finditer(text):
                name, target, fixed = m.groups()
                if target in funcs:
                    before = fixed.count(',')
                    funcs[name] = funcs[target] - before
    return funcs


def main():
    out_path, root = sys.argv[1], sys.argv[2]
    files = list(sources(root))
    funcs = format_functions(files)
    call = re.compile(r'\b(' + '|'.join(sorted(funcs)) + r')\s*\(')
    found, problems, calls = {}, [], 0
    for path, text in files:
        for m in call.finditer(text):
            line = text.count('\n', 0, m.start()) + 1
            where = f'{path}:{line}'
            before = text[:m.start()].rstrip()
            if re.search(r'#define\s+\w*$', before) or \
                    re.search(r'[\w\*]\s*$', before) and not \
                    re.search(r'\b(return|else)$', before):
                continue        # a declaration or definition, not a call
            args = call_arguments(text, m.end() - 1)
            index = funcs[m.group(1)]
            if len(args) <= index:
                continue        # e.g. the macro's own (...) parameter list
            calls += 1
            arg = args[index].strip()
            runs = literals(arg)
            if not runs:
                if arg not in ('fmt', '__VA_ARGS__'):
                    problems.append(f'{where}: format argument {arg!r} '
                                    'is not a literal')
                continue
            for fmt in runs:
                for d in DIRECTIVE.finditer(fmt):
                    found.setdefault(d.group(0), where)
    if calls < 50 or not found:
        problems.append(f'only {calls} calls found: the scan is broken')
    if problems:
        sys.exit('\n'.join(problems))
    with open(out_path, 'w') as f:
        f.write('/* Generated by tests/unit/list_format_directives.py. */\n')
        for d, where in sorted(found.items()):
            c = d.replace('\\', '\\\\').replace('"', '\\"')
            f.write(f'{{"{c}", "{where}"}},\n')
    print(f'{len(found)} directives in {calls} calls')


if __name__ == '__main__':
    main()
