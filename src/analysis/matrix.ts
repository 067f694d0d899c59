/**
 * The little linear algebra the regressions need: a Householder QR factorisation of a tall design matrix and the
 * triangular and Cholesky solves built on it. QR rather than the normal equations because forming X'X squares the
 * condition number; statsmodels uses a pseudo-inverse, which agrees with QR on a full-rank design.
 */

/** X = QR, stored compactly: R above the diagonal (its diagonal in `rDiagonal`), Householder vectors below. */
export interface QrFactors {
  rows: number;
  cols: number;
  /** Column-major rows × cols: entry (i, j) at j * rows + i. */
  packed: Float64Array;
  rDiagonal: Float64Array;
  /** 2 / v'v for each reflection (0 where the column was already zero). */
  scale: Float64Array;
  /** Euclidean norm of each column of X before factorising, to judge the diagonal of R against. */
  columnNorms: Float64Array;
}

/** Factorises a rows × cols matrix given as row arrays (rows ≥ cols). */
export function householderQr(X: readonly (readonly number[])[], cols: number): QrFactors {
  const rows = X.length;
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = X[i]!;
    for (let j = 0; j < cols; j++) a[j * rows + i] = row[j]!;
  }
  return householderQrInPlace(a, rows, cols);
}

/**
 * Factorises a rows × cols matrix given column-major (entry (i, j) at j * rows + i), overwriting it: for callers
 * that factorise many matrices of one shape (IRLS, one weighted design per iteration) and fill the array directly.
 */
export function householderQrInPlace(a: Float64Array, rows: number, cols: number): QrFactors {
  const rDiagonal = new Float64Array(cols);
  const scale = new Float64Array(cols);
  const columnNorms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) columnNorms[j] = Math.sqrt(sumOfSquares(a, j * rows, rows));

  for (let j = 0; j < cols; j++) {
    const col = j * rows;
    const diag = col + j;
    const norm = Math.sqrt(sumOfSquares(a, diag, rows - j));
    if (norm === 0) continue; // a zero column: R's diagonal stays 0 and the caller reports the design singular
    // Reflect onto −sign(a_jj)·norm so that v_0 = a_jj − alpha never cancels.
    const alpha = a[diag]! >= 0 ? -norm : norm;
    const v0 = a[diag]! - alpha;
    const vtv = norm * norm - a[diag]! * a[diag]! + v0 * v0;
    a[diag] = v0;
    rDiagonal[j] = alpha;
    const beta = 2 / vtv;
    scale[j] = beta;
    for (let c = j + 1; c < cols; c++) {
      const other = c * rows;
      let s = 0;
      for (let i = j; i < rows; i++) s += a[col + i]! * a[other + i]!;
      s *= beta;
      for (let i = j; i < rows; i++) a[other + i]! -= s * a[col + i]!;
    }
  }
  return { rows, cols, packed: a, rDiagonal, scale, columnNorms };
}

function sumOfSquares(a: Float64Array, start: number, length: number): number {
  let s = 0;
  for (let i = start; i < start + length; i++) s += a[i]! * a[i]!;
  return s;
}

/** Q'y: the data rotated into the basis of the design's columns (first `cols` entries) and its complement. */
export function applyQTranspose(f: QrFactors, y: readonly number[]): Float64Array {
  const { rows, cols, packed } = f;
  const out = Float64Array.from(y);
  for (let j = 0; j < cols; j++) {
    const beta = f.scale[j]!;
    if (beta === 0) continue;
    const col = j * rows;
    let s = 0;
    for (let i = j; i < rows; i++) s += packed[col + i]! * out[i]!;
    s *= beta;
    for (let i = j; i < rows; i++) out[i]! -= s * packed[col + i]!;
  }
  return out;
}

/** Solves R b = z[0..cols) by back substitution, R restricted to its leading cols × cols block. */
export function solveUpperTriangular(f: QrFactors, z: ArrayLike<number>, cols = f.cols): Float64Array {
  const { rows, packed, rDiagonal } = f;
  const b = new Float64Array(cols);
  for (let i = cols - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let c = i + 1; c < cols; c++) s -= packed[c * rows + i]! * b[c]!;
    b[i] = s / rDiagonal[i]!;
  }
  return b;
}

/**
 * (X'X)⁻¹ = R⁻¹R⁻ᵀ, the unscaled covariance of the coefficients. With cols < f.cols, that of the regression on the
 * leading cols columns alone: the QR of leading columns is the leading block of the QR.
 */
export function inverseGram(f: QrFactors, cols = f.cols): number[][] {
  const { rows, packed, rDiagonal } = f;
  // R⁻¹ column by column: R x = e_c, upper triangular, so x is zero below c.
  const rInv: Float64Array[] = [];
  for (let c = 0; c < cols; c++) {
    const x = new Float64Array(cols);
    x[c] = 1 / rDiagonal[c]!;
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= c; m++) s -= packed[m * rows + i]! * x[m]!;
      x[i] = s / rDiagonal[i]!;
    }
    rInv.push(x);
  }
  const out: number[][] = [];
  for (let i = 0; i < cols; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let m = Math.max(i, j); m < cols; m++) s += rInv[m]![i]! * rInv[m]![j]!;
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** X'diag(w)X for X given as row arrays with `cols` columns (the information matrix of a weighted fit). */
export function weightedGram(
  X: readonly (readonly number[])[],
  w: ArrayLike<number>,
  cols: number,
): number[][] {
  const out: number[][] = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < X.length; i++) {
    const row = X[i]!;
    const wi = w[i]!;
    for (let a = 0; a < cols; a++) {
      const v = wi * row[a]!;
      if (v === 0) continue;
      const target = out[a]!;
      for (let b = 0; b <= a; b++) target[b]! += v * row[b]!;
    }
  }
  for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) out[b]![a] = out[a]![b]!;
  return out;
}

/** The lower-triangular L with A = LLᵀ, for a small symmetric positive-definite A; throws if A is not. */
export function cholesky(A: readonly (readonly number[])[]): number[][] {
  const n = A.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let m = 0; m < j; m++) s -= L[i]![m]! * L[j]![m]!;
      if (i === j) {
        if (!(s > 0)) throw new Error("matrix is not positive definite");
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  return L;
}

/** Solves LLᵀx = b by a forward and a back substitution. */
function solveWithCholesky(L: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let m = 0; m < i; m++) s -= L[i]![m]! * z[m]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let m = i + 1; m < n; m++) s -= L[m]![i]! * x[m]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/** Solves A x = b for a small symmetric positive-definite A by Cholesky; throws if A is not positive definite. */
export function solveSymmetricPositive(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  return solveWithCholesky(cholesky(A), b);
}

/** A⁻¹ for a small symmetric positive-definite A (one factorisation, a solve per column); throws if A is not. */
export function inverseSymmetricPositive(A: readonly (readonly number[])[]): number[][] {
  const L = cholesky(A);
  const n = A.length;
  const columns = Array.from({ length: n }, (_, c) =>
    solveWithCholesky(
      L,
      Array.from({ length: n }, (_, i) => (i === c ? 1 : 0)),
    ),
  );
  // A⁻¹ is symmetric; the solves agree with that only to rounding, so the two halves are averaged.
  return columns.map((column, i) => column.map((v, j) => (v + columns[j]![i]!) / 2));
}
