import PDFDocument from 'pdfkit'
import type { Printable } from './report-text'

// The outcome report as a PDF (pdfkit): the headline figures, the funnel as a bar chart drawn in
// vector shapes, the split by group, the interventions and how the figures are counted. The same
// drawing serves the practice's report and the sponsor's (printableReport, printableSponsor).
// The PDF's built-in Helvetica covers Western European text; other scripts print as gaps.

const brand = '#1d4ed8'
const ink = '#0f172a'
const muted = '#475569'
const rule = '#e2e8f0'

export function outcomePdf(p: Printable, now = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: p.title, Subject: p.subtitle, Creator: 'Rebound', CreationDate: now },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc.font('Helvetica-Bold').fontSize(18).fillColor(ink).text(p.title)
  doc.font('Helvetica').fontSize(11).fillColor(muted).text(p.subtitle).moveDown(1)

  // Headline figures, two to a row.
  const cell = (width - 12) / 2
  for (let i = 0; i < p.stats.length; i += 2) {
    ensureRoom(doc, 64)
    const top = doc.y
    p.stats.slice(i, i + 2).forEach((s, j) => {
      const x = left + j * (cell + 12)
      doc.roundedRect(x, top, cell, 56, 4).strokeColor(rule).stroke()
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor(muted)
        .text(s.label, x + 10, top + 8, { width: cell - 20 })
      doc
        .font('Helvetica-Bold')
        .fontSize(15)
        .fillColor(ink)
        .text(s.value, x + 10, top + 20, { width: cell - 20 })
      if (s.detail)
        doc
          .font('Helvetica')
          .fontSize(8)
          .fillColor(muted)
          .text(s.detail, x + 10, top + 40, { width: cell - 20 })
    })
    doc.x = left
    doc.y = top + 64
  }

  if (p.funnel.length) {
    heading(doc, 'Funnel', left)
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(muted)
      .text('Applications sent in these dates, at every stage they reached.')
    doc.moveDown(0.5)
    const top = Math.max(1, ...p.funnel.map((f) => f.value))
    const labelWidth = 80
    const barWidth = width - labelWidth - 50
    for (const bar of p.funnel) {
      ensureRoom(doc, 22)
      const y = doc.y
      doc
        .font('Helvetica')
        .fontSize(10)
        .fillColor(ink)
        .text(bar.label, left, y + 3, { width: labelWidth })
      doc.rect(left + labelWidth, y, barWidth, 16).fill('#f1f5f9')
      const w = (bar.value / top) * barWidth
      if (w > 0) doc.rect(left + labelWidth, y, w, 16).fill(brand)
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(ink)
        .text(String(bar.value), left + labelWidth + barWidth + 8, y + 3)
      doc.x = left
      doc.y = y + 22
    }
  }

  if (p.groups) {
    heading(doc, p.groups.caption, left)
    if (p.groups.rows.length) table(doc, p.groups.head, p.groups.rows, left, width)
    if (p.groups.note) doc.font('Helvetica').fontSize(9).fillColor(muted).text(p.groups.note, left, doc.y, { width })
  }

  if (p.interventions.length) {
    heading(doc, 'Does it work', left)
    for (const line of p.interventions)
      doc.font('Helvetica').fontSize(10).fillColor(ink).text(line, left, doc.y, { width }).moveDown(0.3)
  }

  heading(doc, 'How these figures are counted', left)
  for (const note of p.notes)
    doc.font('Helvetica').fontSize(8.5).fillColor(muted).text(`•  ${note}`, left, doc.y, { width }).moveDown(0.2)

  doc.end()
  return done
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

function heading(doc: PDFKit.PDFDocument, text: string, left: number) {
  ensureRoom(doc, 60)
  doc.moveDown(1)
  doc.font('Helvetica-Bold').fontSize(13).fillColor(ink).text(text, left, doc.y)
  doc.moveDown(0.3)
}

function table(doc: PDFKit.PDFDocument, head: string[], rows: string[][], left: number, width: number) {
  const first = width * 0.22
  const rest = (width - first) / (head.length - 1)
  const xs = head.map((_, i) => (i === 0 ? left : left + first + (i - 1) * rest))
  const widths = head.map((_, i) => (i === 0 ? first : rest) - 6)
  const line = (cells: string[], bold: boolean) => {
    ensureRoom(doc, 20)
    const y = doc.y
    cells.forEach((c, i) =>
      doc
        .font(bold || i === 0 ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(8.5)
        .fillColor(bold ? muted : ink)
        .text(c, xs[i]!, y, { width: widths[i]!, lineBreak: false, ellipsis: true }),
    )
    doc
      .moveTo(left, y + 14)
      .lineTo(left + width, y + 14)
      .strokeColor(rule)
      .stroke()
    doc.x = left
    doc.y = y + 18
  }
  line(head, true)
  for (const row of rows) line(row, false)
}
