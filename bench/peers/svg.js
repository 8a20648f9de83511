// Line charts as standalone SVG (no network, no dependencies) for the scaling curves in
// bench/RESULTS.md. Axes may be logarithmic; every series is a polyline with its points.
const W = 640
const H = 400
const M = {left: 72, right: 160, top: 40, bottom: 56}
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e']

function escape (text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function scale (lo, hi, log, from, to) {
  const f = v => log ? Math.log10(v) : v
  const [a, b] = [f(lo), f(hi)]
  return v => from + (f(v) - a) / (b - a || 1) * (to - from)
}

// Round tick values: powers of ten on a log axis, about five steps on a linear one.
function ticks (lo, hi, log) {
  if (log) {
    const out = []
    for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) out.push(10 ** p)
    return out
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 5 || 1))
  const k = [1, 2, 5, 10].find(m => (hi - lo) / (step * m) <= 6) * step
  const out = []
  for (let v = Math.floor(lo / k) * k; v <= hi + k / 2; v += k) out.push(Number(v.toPrecision(12)))
  return out
}

function label (v) {
  if (v >= 1e6) return `${v / 1e6}M`
  if (v >= 1e3) return `${v / 1e3}k`
  return String(v)
}

export function lineChart ({title, xLabel, yLabel, series, logX = false, logY = false}) {
  const xs = series.flatMap(s => s.points.map(p => p[0]))
  const ys = series.flatMap(s => s.points.map(p => p[1]))
  const xt = ticks(Math.min(...xs), Math.max(...xs), logX)
  const yt = ticks(logY ? Math.min(...ys) : 0, Math.max(...ys), logY)
  const [x0, x1] = [xt[0], xt[xt.length - 1]]
  const [y0, y1] = [yt[0], yt[yt.length - 1]]
  const sx = scale(x0, x1, logX, M.left, W - M.right)
  const sy = scale(y0, y1, logY, H - M.bottom, M.top)
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`]
  for (const t of xt) {
    const x = sx(t).toFixed(1)
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#ddd"/>`,
      `<text x="${x}" y="${H - M.bottom + 16}" text-anchor="middle">${label(t)}</text>`)
  }
  for (const t of yt) {
    const y = sy(t).toFixed(1)
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${label(t)}</text>`)
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`)
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]
    const points = s.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
    out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`)
    for (const p of points) {
      const [x, y] = p.split(',')
      out.push(`<circle cx="${x}" cy="${y}" r="3" fill="${colour}"/>`)
    }
    const ly = M.top + 16 + i * 20
    out.push(`<line x1="${W - M.right + 12}" y1="${ly}" x2="${W - M.right + 32}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${W - M.right + 38}" y="${ly}" dominant-baseline="middle">${escape(s.name)}</text>`)
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}
