// Limits shared by the schemas and the browser (which must not pull zod in for a number).
export const MESSAGE_MAX_CHARS = 2000;
export const MESSAGE_MAX_BYTES = 4096;
export const PAGE_SIZE = 50;
export const PAGE_MAX = 100;
export const GROUP_MAX_MEMBERS = 100;
