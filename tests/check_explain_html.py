#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld --explain-html: the page, checked against the facts, and loaded
in a real browser.

For each PROGRAM, myld writes the page (mode 0644 under umask 022, one
self-contained file: no external script, style sheet, font or image),
and the page must say what readelf and the system loader say:
  - the load order: the objects glibc's loader lists (--list), in its
    order, myld's own file standing in for glibc's loader;
  - the DT_NEEDED graph: one edge per DT_NEEDED entry (readelf -d);
  - each object's PT_LOAD segments (readelf -l), its relocation counts
    by type (readelf -r) and its TLS block (PT_TLS);
  - the bindings: every binding glibc's loader reports with
    LD_DEBUG=bindings LD_BIND_NOW=1 between objects of the page (glibc
    skips a report when its look-up cache answers, so its set is a
    subset), bound to the same object; and the page's set is exactly
    what myld's own LD_DEBUG=bindings reports when it runs PROGRAM;
  - the init order: glibc's "calling init" objects, in glibc's order.
With CHROMIUM (a path; '' when it is not installed: exit 77 after the
other checks; 'none' for a cross build, checked without a browser), the page
is loaded headless: no console message at all (checked to be seen, on a
page with a deliberate error first), the filter box works (the page
reads a filter from its URL's #filter=WORD: only rows holding WORD stay
visible, and the count says how many), and a screenshot is written to
OUTDIR/explain-html-<program>.png (a build artefact, not in git).

The first PROGRAM's libraries are also copied, one renamed (file and
DT_NEEDED, with patchelf) to a name holding markup characters and a
control byte: the page must show it as text (no such tag appears, the
byte is written \\x01).

Without a REFERENCE loader (under qemu, say) the glibc comparisons are
left out and said so; readelf's still run.

usage: check_explain_html.py WRAPPER MYLD REFERENCE CHROMIUM OUTDIR
                             PROGRAM...
(WRAPPER is '' natively, or e.g. 'qemu-aarch64' for a cross build)"""
import collections
import html.parser
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled


class Page(html.parser.HTMLParser):
    """The facts the page carries in data- attributes and lists."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.order, self.edges, self.bindings = [], [], []
        self.segments = collections.defaultdict(list)
        self.relocs = collections.defaultdict(dict)
        self.tls, self.init, self.fini = {}, [], []
        self.external = []
        self.scripts = 0
        self.stack = []         # (tag, id or class) of open containers
        self.obj = None         # the object whose details are open
        self.list = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ('src', 'href'):
            if key in a and not a[key].startswith('#'):
                self.external.append(f'<{tag} {key}={a[key]!r}>')
        if tag in ('link', 'img', 'iframe', 'object', 'embed'):
            self.external.append(f'<{tag}>')
        if tag == 'script':
            self.scripts += 1
        if tag == 'details' and 'data-path' in a:
            self.obj = a['data-path']
        if tag == 'ol':
            self.list = a.get('id')
        if tag == 'a' and self.list in ('init-order', 'fini-order'):
            self.pending = a['href']
        if tag != 'tr' or not any(k.startswith('data-') for k in a):
            return
        if self.stack_table() == 'load-order':
            self.order.append(a['data-path'])
        elif 'data-vaddr' in a:
            self.segments[self.obj].append(
                (int(a['data-vaddr'], 16), int(a['data-memsz'], 16)))
        elif self.stack_table() == 'relocs':
            self.relocs[self.obj][a['data-type']] = None
            self.reloc_type = a['data-type']
        elif self.stack_table() == 'tls-table':
            self.tls[a['data-path']] = (int(a['data-memsz']),
                                        int(a['data-filesz']),
                                        int(a['data-align']))
        elif 'data-symbol' in a:
            self.bindings.append(a)

    def stack_table(self):
        return self.table

    table = None

    def handle_endtag(self, tag):
        if tag == 'table':
            self.table = None
        if tag == 'ol':
            self.list = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if getattr(self, 'pending', None) and self.list:
            (self.init if self.list == 'init-order' else
             self.fini).append(self.pending)
            self.pending = None
        if self.table == 'relocs' and getattr(self, 'reloc_type', None) \
                and data.strip().isdigit() \
                and self.relocs[self.obj][self.reloc_type] is None:
            self.relocs[self.obj][self.reloc_type] = int(data)


class PageParser(Page):
    def handle_starttag(self, tag, attrs):
        if tag == 'table':
            a = dict(attrs)
            self.table = a.get('id') or a.get('class')
        if tag == 'line' and dict(attrs).get('class') == 'edge':
            a = dict(attrs)
            self.edges.append((int(a['data-from']), int(a['data-to'])))
        super().handle_starttag(tag, attrs)


def readelf(args, path):
    return subprocess.run(['readelf', '-W'] + args + [path],
                          capture_output=True, text=True,
                          check=True).stdout


def needed_of(path):
    return re.findall(r'\(NEEDED\)\s+Shared library: \[(.*?)\]',
                      readelf(['-d'], path))


def soname_of(path):
    m = re.search(r'\(SONAME\)\s+Library soname: \[(.*?)\]',
                  readelf(['-d'], path))
    return m.group(1) if m else os.path.basename(path)


def loads_of(path):
    out = []
    for line in readelf(['-l'], path).splitlines():
        f = line.split()
        if f and f[0] == 'LOAD':
            out.append((int(f[2], 16), int(f[5], 16)))
    return out


def tls_of(path):
    for line in readelf(['-l'], path).splitlines():
        f = line.split()
        if f and f[0] == 'TLS':
            return int(f[5], 16), int(f[4], 16), int(f[-1], 16)
    return None


def reloc_counts_of(path):
    counts = collections.Counter()
    for line in readelf(['-r'], path).splitlines():
        f = line.split()
        if len(f) >= 3 and re.fullmatch(r'[0-9a-f]{8,16}', f[0]) and \
                f[2].startswith('R_'):
            counts[f[2]] += 1
    return counts


def dyn_defs(path):
    """{name: [(version, hidden)]} of PATH's defined dynamic symbols."""
    defs = collections.defaultdict(list)
    for line in readelf(['--dyn-syms'], path).splitlines():
        f = line.split()
        if len(f) < 8 or not f[0].endswith(':') or f[6] == 'UND' or \
                f[4] not in ('GLOBAL', 'WEAK') or f[3] == 'SECTION':
            continue
        m = re.fullmatch(r'([^@]+)(@@?)?(.*)', f[7])
        defs[m.group(1)].append((m.group(3), m.group(2) == '@'))
    return defs


def defines(defs, name, want):
    """Would a look-up of NAME (in version WANT, or any) find it?"""
    return any(ver == want or ver == '' or (not want and not hidden)
               for ver, hidden in defs.get(name, []))


def check_marks(page, failures):
    """Interposition is marked where another object of the scope defines
    the name too; a version choice where the definer has the name in
    more than one version."""
    defs = {p: dyn_defs(p) for p in page.order}
    for b in page.bindings:
        if int(b['data-to']) < 0:
            continue
        ref, to = page.order[int(b['data-from'])], page.order[int(b['data-to'])]
        sym, want = b['data-symbol'], b['data-version']
        others = [p for p in page.order if p != to and
                  not (p == ref and b['data-type'].endswith('_COPY')) and
                  defines(defs[p], sym, want)]
        marked = 'interpose' in b.get('class', '').split()
        if bool(others) != marked:
            failures.append(f'{ref}\'s {sym} bound to {to}: interposition '
                            f'{"marked" if marked else "not marked"}, '
                            f'readelf: also defined in {others}')
        several = bool(want) and len(defs[to].get(sym, [])) > 1
        if several != ('version' in b.get('class', '').split()):
            failures.append(f'{ref}\'s {sym}@{want} bound to {to}: version '
                            f'choice marked wrongly; readelf: '
                            f'{defs[to].get(sym)}')


def check_against_readelf(page, myld, failures):
    # Objects by page index, to read edges.
    for i, path in enumerate(page.order):
        real = path
        want = needed_of(real)
        got = [soname_of(page.order[j]) if page.order[j] != myld
               else None for f, j in page.edges if f == i]
        if len(got) != len(want):
            failures.append(f'{path}: {len(got)} DT_NEEDED edges, '
                            f'readelf lists {len(want)}: {want}')
        for name in got:
            if name is not None and name not in want:
                failures.append(f'{path}: an edge to {name}, not in '
                                f'its DT_NEEDED {want}')
        if path == myld:
            continue
        if page.segments[path] != loads_of(real):
            failures.append(f'{path}: segments {page.segments[path]}, '
                            f'readelf {loads_of(real)}')
        counts = {t: c for t, c in page.relocs[path].items()
                  if t != 'RELR'}
        if counts != dict(reloc_counts_of(real)):
            failures.append(f'{path}: relocation counts {counts}, '
                            f'readelf {dict(reloc_counts_of(real))}')
        if tls_of(real) != page.tls.get(path):
            failures.append(f'{path}: TLS {page.tls.get(path)}, readelf '
                            f'{tls_of(real)}')


def trace_bindings(text, rename=None):
    """{(from, symbol): to} from LD_DEBUG=bindings lines."""
    out = {}
    for m in re.finditer(r'binding file (\S+) \[\d+\] to (\S+) \[\d+\]: '
                         r'normal symbol `([^\']+)\'', text):
        f, t, sym = m.groups()
        if rename:
            f, t = rename.get(f, f), rename.get(t, t)
        out[(f, sym)] = t
    return out


def page_bindings(page):
    out = {}
    for b in page.bindings:
        if int(b['data-to']) < 0:
            continue
        out[(page.order[int(b['data-from'])], b['data-symbol'])] = \
            page.order[int(b['data-to'])]
    return out


def run_with_env(wrapper, extra, args):
    """ARGS run with the variables EXTRA; under qemu they go to the guest
    only (qemu -E), or the host's loader would trace qemu too."""
    if wrapper and 'qemu' in os.path.basename(wrapper[0]):
        cmd = wrapper[:1] + [a for k, v in extra.items()
                             for a in ('-E', f'{k}={v}')] + wrapper[1:]
        env = os.environ
    else:
        cmd, env = wrapper, dict(os.environ, **extra)
    return subprocess.run(cmd + args, env=env, capture_output=True,
                          text=True, timeout=scaled(120))


def check_against_loaders(wrapper, myld, reference, prog, page, tmp,
                          failures):
    env = {'LD_BIND_NOW': '1', 'LD_DEBUG': 'bindings'}
    mine = run_with_env(wrapper, env, [myld, prog]).stderr
    ours = page_bindings(page)
    traced = {k: v for k, v in trace_bindings(mine).items()
              if k[0] in page.order}
    if ours != traced:
        extra = sorted(set(ours.items()) - set(traced.items()))[:5]
        missing = sorted(set(traced.items()) - set(ours.items()))[:5]
        failures.append(f'{prog}: the page\'s bindings differ from myld\'s '
                        f'LD_DEBUG=bindings: page only {extra}, trace only '
                        f'{missing}')
    if not reference:
        print(f'{prog}: no reference loader: glibc comparisons left out')
        return
    glibc = run_with_env(wrapper, env, [reference, prog]).stderr
    rename = {reference: myld, os.path.realpath(reference): myld}
    compared = 0
    for (f, sym), t in trace_bindings(glibc, rename).items():
        if f not in page.order or t not in page.order or f == myld:
            continue
        compared += 1
        if ours.get((f, sym)) != t:
            failures.append(f'{prog}: glibc binds {f}\'s {sym} to {t}, '
                            f'the page to {ours.get((f, sym))}')
    print(f'{prog}: {len(traced)} bindings as myld traces them, '
          f'{compared} as glibc reports them, compared')
    if not traced or not compared:
        failures.append(f'{prog}: nothing to compare the bindings with')
    files = run_with_env(wrapper, {'LD_DEBUG': 'files'},
                         [reference, prog]).stderr
    inits = [rename.get(p, p) for p in
             re.findall(r'calling init: (\S+)', files)]
    init_paths = [page.order[int(h[len('#obj-'):])] for h in page.init]
    kept = [p for p in init_paths if p in inits]
    print(f'{prog}: init order {init_paths}; glibc calls {inits}')
    if kept != [p for p in inits if p in page.order]:
        failures.append(f'{prog}: init order {init_paths}, glibc calls '
                        f'{inits}')
    if page.fini != page.init[::-1]:
        failures.append(f'{prog}: fini order is not init\'s reversed')


def check_load_order(wrapper, reference, myld, prog, page, failures):
    if not reference:
        return
    out = subprocess.run(wrapper + [reference, '--list', prog],
                         capture_output=True, text=True,
                         timeout=scaled(60)).stdout
    listed = []
    for line in out.splitlines():
        m = re.search(r'(?:=> )?(/\S+) \(0x', line)
        if m and 'vdso' not in line:
            p = m.group(1)
            listed.append(myld if os.path.realpath(p) ==
                          os.path.realpath(reference) else p)
    got = [os.path.realpath(p) if p != myld else p for p in page.order[1:]]
    want = [os.path.realpath(p) if p != myld else p for p in listed]
    if got != want:
        failures.append(f'{prog}: load order {got}, glibc\'s {want}')


def generate(wrapper, myld, prog, tmp):
    page = os.path.join(tmp, os.path.basename(prog) + '.html')
    p = subprocess.run(wrapper + [myld, '--explain-html', page, prog],
                       cwd=tmp, capture_output=True, text=True,
                       timeout=scaled(120), preexec_fn=lambda: os.umask(0o22))
    if p.returncode != 0 or p.stderr:
        sys.exit(f'FAIL: {prog}: --explain-html exit {p.returncode}, '
                 f'stderr {p.stderr!r}')
    mode = os.stat(page).st_mode & 0o7777
    if mode != 0o644:
        sys.exit(f'FAIL: {page} created with mode {mode:o}, not 644')
    return page


def chromium_run(chromium, url, extra, tmp):
    cmd = [chromium, '--headless', '--disable-gpu', '--no-sandbox',
           '--enable-logging=stderr', '--v=0',
           f'--user-data-dir={tmp}/chromium-profile'] + extra + [url]
    return subprocess.run(cmd, capture_output=True, text=True,
                          timeout=scaled(240))


def console_lines(stderr):
    return [l for l in stderr.splitlines() if ':CONSOLE' in l]


def check_in_browser(chromium, page_path, page, outdir, tmp, failures):
    # The filter: a symbol the page binds, by URL.
    word = page.bindings[0]['data-symbol'] if page.bindings else 'x'
    url = f'file://{page_path}#filter={word}'
    p = chromium_run(chromium, url, ['--dump-dom'], tmp)
    if console_lines(p.stderr):
        failures.append(f'{page_path}: console: {console_lines(p.stderr)}')
    dom = p.stdout
    rows = re.findall(r'<tr class="[^"]*" ([^>]*)>(.*?)</tr>', dom, re.S)
    if len(rows) != len(page.bindings):
        failures.append(f'browser DOM has {len(rows)} binding rows, the '
                        f'file {len(page.bindings)}')
    shown = [r for r in rows if 'hidden' not in r[0]]
    text_match = [r for r in rows
                  if word.lower() in re.sub(r'<[^>]*>', '', r[1]).lower()]
    m = re.search(r'id="shown">(\d+)<', dom)
    if not m or int(m.group(1)) != len(shown) or \
            len(shown) != len(text_match):
        failures.append(f'filter {word!r}: {len(shown)} rows visible, '
                        f'count says {m and m.group(1)}, '
                        f'{len(text_match)} rows hold the word')
    shot = os.path.join(outdir, 'explain-html-' +
                        os.path.basename(page_path)[:-5] + '.png')
    if os.path.exists(shot):
        os.unlink(shot)
    p = chromium_run(chromium, f'file://{page_path}',
                     [f'--screenshot={shot}', '--window-size=1280,2400'],
                     tmp)
    if console_lines(p.stderr):
        failures.append(f'{page_path}: console: {console_lines(p.stderr)}')
    with open(shot, 'rb') if os.path.exists(shot) else open(os.devnull,
                                                              'rb') as f:
        head = f.read(8)
    if head != b'\x89PNG\r\n\x1a\n' or os.path.getsize(shot) < 10000:
        failures.append(f'no screenshot in {shot}')
    else:
        print(f'screenshot: {shot}')


def check_console_is_seen(chromium, tmp):
    """A deliberate error must show up, or 'no console message' proves
    nothing."""
    bad = os.path.join(tmp, 'bad.html')
    with open(bad, 'w') as f:
        f.write('<!DOCTYPE html><html><body><script>no_such_function();'
                '</script></body></html>\n')
    p = chromium_run(chromium, f'file://{bad}', ['--dump-dom'], tmp)
    if not any('no_such_function' in l for l in console_lines(p.stderr)):
        sys.exit('FAIL: chromium did not report a deliberate script error: '
                 f'{p.stderr[-2000:]}')


def check_static_page(path, page, failures):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if page.external:
        failures.append(f'{path}: external resources {page.external[:5]}')
    if page.scripts != 1:
        failures.append(f'{path}: {page.scripts} scripts, wanted 1 inline')
    urls = set(re.findall(r'https?://[^"\s<]+', text))
    if urls - {'http://www.w3.org/2000/svg'}:
        failures.append(f'{path}: URLs {urls}')
    if '<svg xmlns="http://www.w3.org/2000/svg" id="map"' not in text:
        failures.append(f'{path}: no address-space map')


HOSTILE = 'lib<i>x"&\'\x01.so'


def check_hostile_names(wrapper, myld, prog, tmp, failures):
    """Names from ELF files are escaped: PROG's first library's
    dependency renamed (file and DT_NEEDED) to HOSTILE, which holds
    markup characters and a control byte."""
    patchelf = shutil.which('patchelf')
    libdir = os.path.dirname(prog)
    needed = [n for n in (needed_of(os.path.join(libdir, l))
                          for l in needed_of(prog)) if n]
    if not patchelf or not needed:
        print('hostile names not tried: no patchelf, or no second-level '
              'library')
        return
    work = os.path.join(tmp, 'hostile')
    shutil.copytree(libdir, work)
    first = needed_of(prog)[0]
    os.rename(os.path.join(work, needed[0][0]), os.path.join(work, HOSTILE))
    subprocess.run([patchelf, '--replace-needed', needed[0][0], HOSTILE,
                    os.path.join(work, first)], check=True)
    page = os.path.join(work, 'page.html')
    p = run_with_env(wrapper, {'LD_LIBRARY_PATH': work},
                     [myld, '--explain-html', page,
                      os.path.join(work, os.path.basename(prog))])
    if p.returncode != 0:
        failures.append(f'hostile names: exit {p.returncode}: {p.stderr}')
        return
    with open(page, encoding='utf-8') as f:
        text = f.read()
    tags = set(re.findall(r'<([a-zA-Z][a-zA-Z0-9]*)', text))
    shown = HOSTILE.replace('\x01', '\\x01')
    parsed = PageParser()
    parsed.feed(text)
    if 'i' in tags or '\x01' in text or not any(
            p.endswith(shown) for p in parsed.order):
        failures.append(f'hostile names: not escaped (tags {sorted(tags)}; '
                        f'load order {parsed.order})')
    else:
        print(f'hostile names: {HOSTILE!r} shown as text')


def main():
    wrapper, myld, reference, chromium, outdir = sys.argv[1:6]
    wrapper = shlex.split(wrapper)
    progs = sys.argv[6:]
    myld_file = os.path.realpath(myld)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        if chromium and chromium != 'none':
            check_console_is_seen(chromium, tmp)
        for prog in progs:
            path = generate(wrapper, myld, prog, tmp)
            page = PageParser()
            with open(path, encoding='utf-8') as f:
                page.feed(f.read())
            page.order = [myld_file if p == myld_file else p
                          for p in page.order]
            before = len(failures)
            check_static_page(path, page, failures)
            check_against_readelf(page, myld_file, failures)
            check_marks(page, failures)
            print(f'{prog}: {sum("interpose" in b["class"] for b in page.bindings)}'
                  f' bindings marked as interposition, '
                  f'{sum("version" in b["class"] for b in page.bindings)} as '
                  f'version choices')
            check_load_order(wrapper, reference, myld_file, prog, page,
                             failures)
            check_against_loaders(wrapper, myld, reference, prog, page, tmp,
                                  failures)
            if chromium and chromium != 'none':
                check_in_browser(chromium, path, page, outdir, tmp, failures)
            if prog == progs[0]:
                check_hostile_names(wrapper, myld, prog, tmp, failures)
            print(f'{prog}: {len(page.order)} objects, '
                  f'{len(page.bindings)} bindings, '
                  f'{len(failures) - before} problems')
    for f in failures:
        print('FAIL:', f)
    if failures:
        sys.exit(1)
    if chromium == 'none':
        print('the page was checked without a browser, as asked')
    elif not chromium:
        print('SKIP: chromium is not installed: the page was checked, '
              'but not in a browser')
        sys.exit(77)


if __name__ == '__main__':
    main()
