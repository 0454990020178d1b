# SPDX-License-Identifier: MIT
"""Runs CPython regression tests (package libpython3.11-testsuite) and
prints one line per test case, "TEST_ID ... RESULT", sorted, for
tests/check_system_workloads.py to compare with the native run.

    python3 cpython_tests.py NAME...

NAME is a test module or a class or method in one, as unittest names
it (test.test_ctypes, test.test_threading.LockTests).  Resources that
regrtest's -u would enable (network, cpu...) stay disabled, as under
regrtest by default.  RESULT is ok, FAIL, ERROR, skipped (with the
reason), expected failure or unexpected success.  The exit status is 0
however the tests end: the driver compares, it does not judge.
"""
import sys
import unittest

from test import support


class Recorder(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.lines = {}

    def note(self, test, what):
        self.lines[test.id()] = what

    def addSuccess(self, test):
        self.note(test, 'ok')

    def addFailure(self, test, err):
        self.note(test, 'FAIL')
        super().addFailure(test, err)

    def addError(self, test, err):
        self.note(test, 'ERROR')
        super().addError(test, err)

    def addSkip(self, test, reason):
        self.note(test, f'skipped {reason!r}')

    def addExpectedFailure(self, test, err):
        self.note(test, 'expected failure')

    def addUnexpectedSuccess(self, test):
        self.note(test, 'unexpected success')

    def addSubTest(self, test, subtest, err):
        if err is not None:
            kind = 'FAIL' if issubclass(err[0], test.failureException) \
                else 'ERROR'
            self.note(subtest, kind)
            super().addSubTest(test, subtest, err)


def main():
    support.use_resources = []
    support.verbose = 0
    loader = unittest.defaultTestLoader
    suite = unittest.TestSuite(loader.loadTestsFromName(name)
                               for name in sys.argv[1:])
    result = Recorder()
    suite.run(result)
    for test_id in sorted(result.lines):
        print(f'{test_id} ... {result.lines[test_id]}')
    counts = {}
    for what in result.lines.values():
        key = what.split(' ')[0]
        counts[key] = counts.get(key, 0) + 1
    print('counts: ' + ', '.join(f'{k} {v}'
                                 for k, v in sorted(counts.items())))
    # what failed, in full, for the log (the driver prints it on a
    # difference only)
    for test, trace in result.failures + result.errors:
        print(f'--- {test.id()}\n{trace}', file=sys.stderr)


if __name__ == '__main__':
    main()
