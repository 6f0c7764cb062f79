/**
 * The part of the WebAssembly JavaScript API that gensmooth uses. @types/node 20 does
 * not declare it and the DOM library would bring in every browser global.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource | Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, unknown>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
type BufferSource = ArrayBufferView | ArrayBuffer;
