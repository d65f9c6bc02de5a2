import { useState } from 'react';
import { downloadFile } from '../api/client';

/** Downloads a protected file (bearer token, blob, save) with its own busy flag and error. */
export function useDownload() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(url: string, fallbackName: string) {
    setBusy(url);
    setError(null);
    try {
      await downloadFile(url, fallbackName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return { busy, error, run: (url: string, fallbackName: string) => void run(url, fallbackName) };
}
