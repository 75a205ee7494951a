// What the file picker offers, by extension (the browser's hint only; every file is checked): the
// extensions of file-types.ts, written out short because the paperclip is on every conversation
// page and file-types.ts is not (tests/unit/attachment-rules.test.ts holds the two together).
export const ACCEPT = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.zip,.docx,.xlsx,.pptx,.txt,.md,.log,.csv,.mp3,.mp4";
