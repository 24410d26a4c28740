import { analyzeFilesystem } from '../core/fs/analyze-filesystem.ts';
import type { ListedImage } from '../core/fs/list-image.ts';

/** Per-layer facts `inspect --layers` adds (the layer was read). */
export interface LayerAnalysisJson {
  compression: string;
  uncompressedSize: number;
  entries: number;
  /** Regular-file bytes in the layer's tar. */
  fileBytes: number;
  /** Of those, bytes still visible in the final filesystem. */
  netBytes: number;
}

/** Per-image facts `inspect --layers` adds: dive's waste and efficiency. */
export interface ImageAnalysisJson {
  wastedBytes: number;
  efficiency: number;
  finalBytes: number;
  wastedFiles: { path: string; bytes: number; layers: number[] }[];
}

/** What `inspect --layers` attaches to one image: per layer (undefined when not read), and whole. */
export interface AnalysisJson {
  layers: (LayerAnalysisJson | undefined)[];
  image: ImageAnalysisJson;
}

const MAX_WASTED_FILES = 20;

/** The analysis `inspect --layers` attaches, from an indexed image (core/fs/analyze-filesystem.ts). */
export function analysisJson(indexed: ListedImage): AnalysisJson {
  const { sizes, waste } = analyzeFilesystem(indexed.fs, MAX_WASTED_FILES);
  return {
    layers: indexed.layers.map((l, i) =>
      l.index
        ? {
            compression: l.index.compression,
            uncompressedSize: l.index.uncompressedSize,
            entries: l.index.entries.length,
            fileBytes: sizes[i]!.totalBytes,
            netBytes: sizes[i]!.netBytes,
          }
        : undefined,
    ),
    image: {
      wastedBytes: waste.wastedBytes,
      efficiency: waste.efficiency,
      finalBytes: waste.finalBytes,
      wastedFiles: waste.wastedFiles.map((w) => ({
        path: w.path,
        bytes: w.bytes,
        layers: w.layers,
      })),
    },
  };
}
