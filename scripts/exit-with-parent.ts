// Preloaded (NODE_OPTIONS=--import) into every Node process `pnpm dev` starts, and theirs: when
// the parent dies without stopping them (kill -9 of `pnpm dev`, a closed terminal), each stops
// itself as if sent SIGTERM (so apps still flush), instead of holding its port for the next run.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 1000);
watch.unref();
