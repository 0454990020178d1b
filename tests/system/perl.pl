# SPDX-License-Identifier: MIT
# The 'perl' workload of tests/check_system_workloads.py: perl with XS
# modules (each loaded with dlopen by DynaLoader), fork, a pipe and
# formatted numbers; deterministic output.
use strict;
$| = 1;
use warnings;
use List::Util qw(sum max min first reduce);
use POSIX qw(floor ceil fmod strftime);
use Digest::SHA qw(sha256_hex sha1_hex);
use Fcntl qw(O_RDONLY SEEK_SET);
use Socket qw(inet_aton inet_ntoa);

print 'sum ', sum(1 .. 1000), ' max ', max(3, 9, 2), ' min ', min(3, 9, 2), "\n";
print 'first ', first { $_ > 10 && $_ % 7 == 0 } 1 .. 100;
print ' reduce ', (reduce { $a * $b } 1 .. 10), "\n";
printf "floor %d ceil %d fmod %.3f\n", floor(-2.5), ceil(2.1), fmod(10, 3.3);
print strftime("%Y-%m-%d %H:%M:%S", gmtime(1262304000)), "\n";
print 'sha256 ', sha256_hex('myld'), "\n";
print 'sha1 ', sha1_hex('a' x 1000), "\n";
print 'inet ', inet_ntoa(inet_aton('10.1.2.3')), "\n";
print 'O_RDONLY ', O_RDONLY, ' SEEK_SET ', SEEK_SET, "\n";
my %h = map { $_ => $_ ** 2 } 1 .. 50;
print join(',', map { "$_=$h{$_}" } (sort { $a <=> $b } keys %h)[0 .. 5]), "\n";
my $text = join(' ', map { "w$_" } 1 .. 30);
(my $copy = $text) =~ s/w(\d+)/$1 % 3 ? "x$1" : "Y"/ge;
print substr($copy, 0, 60), "\n";
pipe(my $r, my $w) or die "pipe: $!";
my $pid = fork() // die "fork: $!";
if ($pid == 0) {
	close $r;
	print $w "child says ", sum(map { $_ * $_ } 1 .. 100), "\n";
	exit 7;
}
close $w;
my $line = <$r>;
waitpid($pid, 0);
print $line, 'child status ', $? >> 8, "\n";
# an external program through a pipe: sort, found on PATH
open(my $sort, '|-', 'sort', '-n', '-r') or die "sort: $!";
print $sort "$_\n" for 5, 30, 12, 1;
close $sort or die "sort failed: $?";
print "done\n";
