# SPDX-License-Identifier: MIT
# The 'git' workload of tests/check_system_workloads.py, in the current
# (empty) directory: a repository made with fixed names and dates, so
# that every commit id is the same in every run.  Only builtin commands,
# and no automatic maintenance: git starts no other git (under qemu it
# could not: an aarch64 git would exec the host's git-core programs).
set -eu
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.com
export GIT_AUTHOR_DATE='1262304000 +0100' GIT_COMMITTER_DATE='1262304000 +0100'
export GIT_CONFIG_NOSYSTEM=1 GIT_PAGER=cat HOME="$PWD"
git config --global gc.auto 0
git config --global maintenance.auto false
git config --global init.defaultBranch main
git init -q repo
cd repo
seq 1 200 >numbers
printf 'hello\nworld\n' >greeting.txt
git add .
git commit -q -m 'first: numbers and a greeting'
export GIT_AUTHOR_DATE='1262307600 +0100' GIT_COMMITTER_DATE='1262307600 +0100'
sed -i -e 's/^5$/five/' -e '/^17$/d' numbers
git mv greeting.txt hello.txt
git commit -q -a -m 'second: edit and rename'
git tag -a v1 -m 'version 1'
git branch topic HEAD~1
git checkout -q topic
echo 'topic work' >topic.txt
git add topic.txt
export GIT_AUTHOR_DATE='1262311200 +0100' GIT_COMMITTER_DATE='1262311200 +0100'
git commit -q -m 'third: on a branch'
git checkout -q main
git merge -q --no-edit topic
git log --format='%H %T %an <%ae> %ad %s' --date=iso --all
git log --graph --oneline --all
git diff HEAD~2 HEAD --stat
git diff -M HEAD~2 HEAD
git rev-parse HEAD HEAD^{tree} v1
git cat-file -p v1
git ls-tree -r HEAD
git status --porcelain=v2 --branch
git fsck --strict --no-progress 2>&1
git count-objects
git archive --format=tar HEAD | sha256sum
git blame -s numbers | sed -n '1,6p'
