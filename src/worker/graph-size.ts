/** Size of a graph node box, in CSS pixels: the worker lays nodes out at this size and the app draws them so. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 62;
/** Size of a group node (an index's many manifests as one searchable list). */
export const GROUP_WIDTH = 300;
export const GROUP_HEIGHT = 236;
