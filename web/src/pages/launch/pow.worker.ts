/// <reference lib="webworker" />
/** Solves a launch's proof-of-work challenge off the main thread (see sha256.ts). */
import { PowSearch } from './sha256';

self.onmessage = (e: MessageEvent<{ challenge: string; difficulty: number }>) => {
  const search = new PowSearch(e.data.challenge, e.data.difficulty);
  for (;;) {
    const found = search.run(50_000);
    if (found !== null) {
      self.postMessage({ solution: found, tries: search.next });
      return;
    }
    self.postMessage({ tries: search.next });
  }
};
