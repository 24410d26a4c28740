/** Size of a graph node box, in CSS pixels: the worker lays nodes out at this size and the app draws them so. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 62;
