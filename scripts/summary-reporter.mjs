// A node:test reporter that keeps only the closing tally, `N passed, N failed, N skipped`, for
// scripts/test.mjs to print as the run's last line (the line the project contract asks for).
// The tally is written synchronously to MASTHEAD_TEST_SUMMARY_FILE after every test: the run
// uses --test-force-exit, which ends the process before an asynchronous reporter stream (or a
// last `yield`) would reach its file.
import { writeFileSync } from 'node:fs';

// eslint-disable-next-line require-yield -- the tally goes to the file, not the reporter stream
export default async function* summaryReporter(source) {
  const file = process.env.MASTHEAD_TEST_SUMMARY_FILE;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const write = () => {
    if (file) writeFileSync(file, `${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  };
  write();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:fail') failed += 1;
    else if (event.data.skip || event.data.todo) skipped += 1;
    else passed += 1;
    write();
  }
  write();
}
