"use client";
// Dropping files anywhere on the open conversation attaches them. Only drags that carry files
// are taken (dragging text around the page still works as usual).
import { useRef, useState, type DragEvent } from "react";

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes("Files");

export function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
  const depth = useRef(0);
  return {
    dragging,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        depth.current += 1;
        setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        // Without this the browser opens the file instead of dropping it here.
        if (carriesFiles(e)) e.preventDefault();
      },
      onDragLeave: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        onFiles([...e.dataTransfer.files]);
      },
    },
  };
}
