#!/usr/bin/env node
// Makes the app icons in public/icons from one SVG (run by hand when the mark changes; the PNGs are committed).
import sharp from 'sharp';
const mark = (size, { padding = 0, radius = 6 } = {}) => {
  const inner = 32 - padding * 2;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="${radius}" fill="#0a5a63"/>
  <g transform="translate(${padding} ${padding}) scale(${inner / 32})">
    <circle cx="22" cy="9" r="4" fill="#ffd166"/><path d="M2 26 L11 13 L17 21 L21 16 L30 26 Z" fill="#fff" opacity="0.9"/>
    <path d="M14 30 Q16 25 15 22 Q18 25 18 30 Z" fill="#ffd166"/></g></svg>`);
};
const out = new URL('../public/icons/', import.meta.url).pathname;
await sharp(mark(180, { radius: 0 })).png().toFile(`${out}apple-touch-icon.png`);
await sharp(mark(192)).png().toFile(`${out}icon-192.png`);
await sharp(mark(512)).png().toFile(`${out}icon-512.png`);
// Maskable: full-bleed background, the mark inside the 80% safe zone.
await sharp(mark(512, { padding: 4, radius: 0 })).png().toFile(`${out}icon-maskable-512.png`);
console.log('icons written to public/icons/');
