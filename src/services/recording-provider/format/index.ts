// The recording format (docs/recording-format.md): names, envelope, metadata.json, archive.
export * from './archive.ts';
export * from './envelope.ts';
export * from './metadata.ts';
export * from './names.ts';
