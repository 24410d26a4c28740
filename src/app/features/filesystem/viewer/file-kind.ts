// How a file's bytes are shown is shared with the blob viewer, so it lives in components/.
export * from '../../../components/file-kind.ts';
