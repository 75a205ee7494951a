// The box a picture takes in a message, known before a byte of it has loaded: the message list
// never jumps when pictures arrive.

const FALLBACK = { width: 240, height: 180 };

/** Scales width × height down (never up) to fit max × max, keeping its shape; whole pixels. */
export function fitBox(width: number | undefined, height: number | undefined, max: number) {
  if (!width || !height)
    return { width: Math.min(max, FALLBACK.width), height: Math.min(max, FALLBACK.height) };
  const scale = Math.min(1, max / width, max / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
