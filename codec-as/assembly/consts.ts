// Shared constants of the gob engine: type kinds (also tape record kinds), statuses, error codes.
// The TypeScript side (codec-as/wasm/instance.ts) mirrors these numbers.

// Kinds. 1..8 are also the built-in gob type ids of the scalar types.
export const K_BOOL: i32 = 1;
export const K_INT: i32 = 2;
export const K_UINT: i32 = 3;
export const K_FLOAT: i32 = 4;
export const K_BYTES: i32 = 5;
export const K_STRING: i32 = 6;
export const K_COMPLEX: i32 = 7;
export const K_IFACE: i32 = 8;
export const K_ARRAY: i32 = 9;
export const K_SLICE: i32 = 10;
export const K_STRUCT: i32 = 11;
export const K_MAP: i32 = 12;
export const K_GOBENC: i32 = 13;
export const K_BINARY: i32 = 14;
export const K_TEXT: i32 = 15;

// Tape record flag (in the kind word, bit 8): a string that is not valid UTF-8
// (lo/hi are then a pointer and byte length instead of UTF-16 offset and length).
export const F_RAW: i32 = 0x100;

// Return statuses of the exported entry points.
export const S_OK: i32 = 0;
export const S_MORE: i32 = 1;
export const S_ERROR: i32 = 2;
export const S_HOLE: i32 = 3; // decNext: the bytes of the stream's hole are needed (decHole)

// Error codes (stream.errCode); messages live in codec-as/error.ts.
export const E_SHORT: i32 = 1; // value runs past the end of its message
export const E_UINT: i32 = 2; // bad uint length byte
export const E_BOOL: i32 = 3; // bool not 0/1
export const E_UNKNOWN_TYPE: i32 = 4;
export const E_FIELD: i32 = 5; // field number out of range
export const E_SINGLETON: i32 = 6; // non-zero delta for a singleton
export const E_ARRAY_LEN: i32 = 7;
export const E_DEPTH: i32 = 8;
export const E_ELEMENTS: i32 = 9; // element count over the limit or the remaining bytes
export const E_MSG_SIZE: i32 = 10; // message length over the limit
export const E_TYPE_ID: i32 = 11; // bad id in a type definition (< 64, redefinition, > int32)
export const E_WIRETYPE: i32 = 12; // wireType with zero or several variants set
export const E_EXTRA: i32 = 13; // bytes left after a type definition
export const E_NAME: i32 = 14; // interface name too long
export const E_EMPTY_MSG: i32 = 15; // zero-length message
export const E_MEMORY: i32 = 16; // a buffer would exceed the memory cap
export const E_BAD_VALUE_ID: i32 = 17; // value message with a type id that cannot start a value
export const E_INT_RANGE: i32 = 18; // integer field in a type definition out of range

/** Largest single buffer the engine allocates (bytes): beyond it, E_MEMORY rather than a trap. */
export const MAX_BUFFER: usize = 1 << 29;
