// Recording file names as Genesys Cloud takes them: at most 80 characters (seed 003, "Limitations"),
// none of the characters UploadUrlRequest.fileName forbids. Engage names run to 83 and more, so a long
// (or cleaned) name keeps its head and gets a hash of the whole original name: deterministic (a retry
// produces the same name) and without collisions between names that share the head.
import { createHash } from 'node:crypto';

export const MAX_FILE_NAME = 80;
/** The longest suffix we append to the stem: the encrypted audio entry `<stem>.opus.bin`. */
const LONGEST_SUFFIX = '.opus.bin';
export const MAX_STEM = MAX_FILE_NAME - LONGEST_SUFFIX.length;
const HASH_CHARS = 12;
const FORBIDDEN = /[\s\\{^}%`\]">[~<#|/?*:']/g;

export interface RecordingNames {
  /** Base of every name below (≤ MAX_STEM). */
  stem: string;
  /** The recording as named in metadata.json (`<stem>.opus`). */
  recording: string;
  /** The encrypted audio entry of the archive. */
  audioEntry: string;
  /** The archive's name in POST /api/v2/uploads/recordings. */
  archive: string;
}

/** The file's base name from a WebDAV path or URL, without directories or query. */
export function baseNameOf(file: string): string {
  const path = file.replace(/[?#].*$/, '');
  const last = path.split('/').filter(Boolean).pop() ?? 'recording';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The stem for an original file name: unchanged when short and clean, else head + `_` + hash. */
export function shortStem(original: string): string {
  const withoutExt = original.replace(/\.(opus|ogg|oga|wav|mp3)$/i, '');
  let clean = withoutExt.replace(FORBIDDEN, '_').replace(/^\.+/, '_');
  if (clean === '') clean = 'recording';
  if (clean === withoutExt && clean.length <= MAX_STEM) return clean;
  const hash = createHash('sha256').update(original).digest('hex').slice(0, HASH_CHARS);
  return `${clean.slice(0, MAX_STEM - HASH_CHARS - 1)}_${hash}`;
}

export function recordingNames(file: string): RecordingNames {
  const stem = shortStem(baseNameOf(file));
  return { stem, recording: `${stem}.opus`, audioEntry: `${stem}.opus.bin`, archive: `${stem}.zip` };
}
