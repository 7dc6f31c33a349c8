import { readFileSync } from 'node:fs';

/** CPU milliseconds this process has used so far (user + system). */
export function ownCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

// Linux reports times in clock ticks; 100 per second on every common kernel configuration.
const ticksPerSecond = 100;

function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the numeric fields start after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds used by this process's finished (reaped) child processes, such as ffmpeg or
 * a Debian speech engine run per paragraph; undefined where /proc is missing (not Linux).
 */
export function reapedChildrenCpuMs(): number | undefined {
  const fields = statFields('self');
  if (!fields) return undefined;
  // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}

/** CPU milliseconds of a running process and its reaped children; undefined if unreadable. */
export function processTreeCpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  // utime, stime, cutime, cstime are fields 14–17: indexes 11–14 after the name.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return (ticks * 1000) / ticksPerSecond;
}

/** Process ids of this process's live children (Linux), for benchmarks. */
export function liveChildPids(): number[] {
  try {
    const tasks = readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8');
    return tasks
      .split(' ')
      .filter(Boolean)
      .map(Number)
      .filter((pid) => Number.isInteger(pid));
  } catch {
    return [];
  }
}
