// The demo's own sample files: small pictures (SVG) and one-page PDFs, drawn when asked, so every
// thumbnail, drawing and document the portal links to opens offline. A host serves its real
// files here, after asking `portal.can(actor, 'read', { projectId, module, id })`.

/** Where the demo serves its sample files. */
export const FILES_PATH = '/demo/files/';
/** Where the demo's stand-in payment page lives (a host links its real one as `payUrl`). */
export const PAY_PATH = '/demo/pay/';

/** A file's URL in the demo: relative, so it works on any port. */
export const fileUrl = (name) => `${FILES_PATH}${encodeURIComponent(name)}`;

const escapeXml = (text) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A few colours per picture, picked from its name, so the thumbnails differ. */
function palette(name) {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360;
  return [`hsl(${h} 35% 78%)`, `hsl(${(h + 40) % 360} 30% 45%)`, `hsl(${(h + 200) % 360} 45% 60%)`];
}

function photoSvg(name) {
  const [sky, hill, sun] = palette(name);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480" role="img" aria-label="${escapeXml(name)}">
<rect width="640" height="480" fill="${sky}"/><circle cx="500" cy="110" r="50" fill="${sun}"/>
<path d="M0 480 220 220l120 140 80-80 220 200z" fill="${hill}"/>
<text x="24" y="452" font-family="sans-serif" font-size="28" fill="#fff">${escapeXml(name)}</text></svg>`;
}

function drawingSvg(name) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="560" viewBox="0 0 800 560" role="img" aria-label="${escapeXml(name)}">
<rect width="800" height="560" fill="#f4f7fb"/><g fill="none" stroke="#1d4f91" stroke-width="4">
<rect x="60" y="60" width="680" height="400"/><path d="M60 260h300v200M360 60v120M520 60v400M520 300h220"/></g>
<text x="60" y="520" font-family="monospace" font-size="24" fill="#1d4f91">${escapeXml(name)}</text></svg>`;
}

/** A one-page PDF with the file's name on it: valid enough for every browser's viewer. */
function pdf(title) {
  const text = title.replace(/[()\\]/g, '').replace(/[^\x20-\x7e]/g, '-');
  const stream = `BT /F1 20 Tf 72 720 Td (${text}) Tj 0 -28 Td /F1 12 Tf (Sample file of the sitegate demo.) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return body;
}

/** The file name a path under `FILES_PATH` asks for, or undefined for one that names no file. */
function sampleName(pathname) {
  if (!pathname.startsWith(FILES_PATH)) return undefined;
  try {
    const name = decodeURIComponent(pathname.slice(FILES_PATH.length));
    return name && !name.includes('/') ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sample file at `pathname`, or undefined: `…/name.jpg|png|svg` is a picture (a drawing sheet
 * for `…-a101.svg`), `…/name.pdf` a PDF, anything else a small text file.
 */
export function sampleFile(pathname) {
  const name = sampleName(pathname);
  if (!name) return undefined;
  const base = name.replace(/\.\w+$/, '');
  // Drawing sheets are named like `…-a101.svg`; every other picture is a photo.
  if (/-[a-z]\d{3}(-[a-z])?\.svg$/i.test(name)) return { type: 'image/svg+xml', body: drawingSvg(base) };
  if (/\.(jpe?g|png|svg)$/i.test(name)) return { type: 'image/svg+xml', body: photoSvg(base) };
  if (name.endsWith('.pdf')) return { type: 'application/pdf', body: pdf(name) };
  return { type: 'text/plain; charset=utf-8', body: `${name}\n\nSample file of the sitegate demo.\n` };
}

/** What a file the visitor may not open says, in the languages of the demo's switch (language.mjs). */
const UNAVAILABLE = {
  en: {
    title: 'File not available',
    heading: 'This file is no longer available',
    body: 'It is no longer shared with you, or it was removed.',
    back: 'Back to the client portal',
  },
  fr: {
    title: 'Fichier indisponible',
    heading: 'Ce fichier n’est plus disponible',
    body: 'Il n’est plus partagé avec vous, ou il a été retiré.',
    back: 'Retour au portail client',
  },
};

/**
 * The page a visitor gets for a sample file it may not open (with a 404, the same answer as for
 * a file that is not there): a file link followed from a portal that was open when the builder
 * unshared it or revoked the client's access lands here, and is told to go back to the portal,
 * where the same change is said. `lang` is the language chosen with the switch.
 */
export function fileUnavailablePage(pathname, lang) {
  const known = Object.hasOwn(UNAVAILABLE, lang ?? '') ? lang : 'en';
  const words = UNAVAILABLE[known];
  const shown = escapeXml((sampleName(pathname) ?? '').slice(0, 120));
  return `<!doctype html><html lang="${known}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title} — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body><main><h1>${words.heading}</h1>
<div class="card" role="alert">${shown ? `<p><code>${shown}</code></p>` : ''}<p>${words.body}</p>
<p><a href="/portal">${words.back}</a></p></div></main></body></html>`;
}

/** The stand-in for a host's payment page. */
export function payPage(pathname) {
  if (!pathname.startsWith(PAY_PATH)) return undefined;
  const invoice = escapeXml(decodeURIComponent(pathname.slice(PAY_PATH.length)).slice(0, 80));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay invoice — sitegate demo</title>
<link rel="stylesheet" href="/assets/demo.css"></head><body><main><h1>Pay invoice ${invoice}</h1>
<p>This stands in for the builder's own payment page, which the portal links to as the invoice's <code>payUrl</code>.</p>
<p><a href="/portal">Back to the client portal</a></p></main></body></html>`;
}
