namespace Verification.Symbolic;

/// <summary>An immutable matrix of canonical rational functions; indices are 0-based.</summary>
public sealed class SymbolicMatrix : IEquatable<SymbolicMatrix>
{
    private readonly RationalFunction[,] _entries;

    private SymbolicMatrix(RationalFunction[,] entries) => _entries = entries;

    /// <summary>Number of rows.</summary>
    public int Rows => _entries.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int Columns => _entries.GetLength(1);

    /// <summary>Entry (i, j), 0-based.</summary>
    public RationalFunction this[int i, int j] => _entries[i, j];

    /// <summary>The symbol name of entry (i, j) (0-based) of a named matrix: <c>U_12</c>, or <c>U_1_12</c> past 9.</summary>
    public static string EntryName(string name, int i, int j) =>
        i < 9 && j < 9 ? $"{name}_{i + 1}{j + 1}" : $"{name}_{i + 1}_{j + 1}";

    /// <summary>A matrix of symbols <c>name_ij</c> (1-based in the name): Named("U", 2, 3) has U_11 … U_23.</summary>
    public static SymbolicMatrix Named(string name, int rows, int columns) =>
        Create(rows, columns, (i, j) => RationalFunction.Symbol(EntryName(name, i, j)));

    /// <summary>A column vector of symbols <c>name1 … namen</c>.</summary>
    public static SymbolicMatrix NamedVector(string name, int length) =>
        Create(length, 1, (i, _) => RationalFunction.Symbol($"{name}{i + 1}"));

    /// <summary>A matrix from a function of the 0-based indices.</summary>
    public static SymbolicMatrix Create(int rows, int columns, Func<int, int, RationalFunction> entry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var e = new RationalFunction[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                e[i, j] = entry(i, j);
        return new(e);
    }

    /// <summary>A matrix from its rows.</summary>
    public static SymbolicMatrix FromRows(IReadOnlyList<IReadOnlyList<RationalFunction>> rows)
    {
        var columns = rows.Count == 0 ? 0 : rows[0].Count;
        if (rows.Any(r => r.Count != columns)) throw new ArgumentException("Rows of different lengths.", nameof(rows));
        return Create(rows.Count, columns, (i, j) => rows[i][j]);
    }

    /// <summary>The zero matrix.</summary>
    public static SymbolicMatrix Zero(int rows, int columns) => Create(rows, columns, (_, _) => RationalFunction.Zero);

    /// <summary>The identity matrix.</summary>
    public static SymbolicMatrix Identity(int n) => Create(n, n, (i, j) => i == j ? RationalFunction.One : RationalFunction.Zero);

    /// <summary>diag(v) of a vector of expressions.</summary>
    public static SymbolicMatrix Diagonal(IReadOnlyList<RationalFunction> v) =>
        Create(v.Count, v.Count, (i, j) => i == j ? v[i] : RationalFunction.Zero);

    /// <summary>diag(v) of a column or row vector.</summary>
    public static SymbolicMatrix Diagonal(SymbolicMatrix v) => Diagonal(v.ToVector());

    /// <summary>The entries of a row or column vector.</summary>
    public IReadOnlyList<RationalFunction> ToVector()
    {
        if (Columns == 1) return Enumerable.Range(0, Rows).Select(i => _entries[i, 0]).ToArray();
        if (Rows == 1) return Enumerable.Range(0, Columns).Select(j => _entries[0, j]).ToArray();
        throw new InvalidOperationException("Not a vector.");
    }

    /// <summary>Column j as a list.</summary>
    public IReadOnlyList<RationalFunction> Column(int j) => Enumerable.Range(0, Rows).Select(i => _entries[i, j]).ToArray();

    /// <summary>Row i as a list.</summary>
    public IReadOnlyList<RationalFunction> Row(int i) => Enumerable.Range(0, Columns).Select(j => _entries[i, j]).ToArray();

    /// <summary>The columns start … start+count−1 as a matrix.</summary>
    public SymbolicMatrix ColumnBlock(int start, int count) => Create(Rows, count, (i, j) => _entries[i, start + j]);

    /// <summary>All entries, row by row.</summary>
    public IReadOnlyList<RationalFunction> Entries => _entries.Cast<RationalFunction>().ToArray();

    /// <summary>Every entry transformed.</summary>
    public SymbolicMatrix Map(Func<RationalFunction, RationalFunction> f) => Create(Rows, Columns, (i, j) => f(_entries[i, j]));

    /// <summary>Aᵀ.</summary>
    public SymbolicMatrix Transpose() => Create(Columns, Rows, (i, j) => _entries[j, i]);

    public static SymbolicMatrix operator +(SymbolicMatrix a, SymbolicMatrix b)
    {
        SameShape(a, b);
        return Create(a.Rows, a.Columns, (i, j) => a[i, j] + b[i, j]);
    }

    public static SymbolicMatrix operator -(SymbolicMatrix a, SymbolicMatrix b)
    {
        SameShape(a, b);
        return Create(a.Rows, a.Columns, (i, j) => a[i, j] - b[i, j]);
    }

    public static SymbolicMatrix operator -(SymbolicMatrix a) => a.Map(x => -x);

    public static SymbolicMatrix operator *(RationalFunction c, SymbolicMatrix a) => a.Map(x => c * x);

    public static SymbolicMatrix operator *(SymbolicMatrix a, RationalFunction c) => a.Map(x => x * c);

    public static SymbolicMatrix operator *(SymbolicMatrix a, SymbolicMatrix b)
    {
        if (a.Columns != b.Rows) throw new ArgumentException($"Cannot multiply {a.Rows}×{a.Columns} by {b.Rows}×{b.Columns}.");
        return Create(a.Rows, b.Columns, (i, j) =>
        {
            var s = RationalFunction.Zero;
            for (var k = 0; k < a.Columns; k++)
                if (!a[i, k].IsZero && !b[k, j].IsZero) s += a[i, k] * b[k, j];
            return s;
        });
    }

    /// <summary>Entrywise (Hadamard) product A∘B.</summary>
    public SymbolicMatrix Hadamard(SymbolicMatrix other)
    {
        SameShape(this, other);
        return Create(Rows, Columns, (i, j) => _entries[i, j] * other[i, j]);
    }

    /// <summary>Kronecker product A ⊗ B.</summary>
    public SymbolicMatrix Kronecker(SymbolicMatrix other) =>
        Create(Rows * other.Rows, Columns * other.Columns,
            (i, j) => _entries[i / other.Rows, j / other.Columns] * other[i % other.Rows, j % other.Columns]);

    /// <summary>A ⊗ I_b (e.g. diag(w) ⊗ I_b for DropBlock).</summary>
    public SymbolicMatrix KroneckerWithIdentity(int b) => Kronecker(Identity(b));

    /// <summary>tr A.</summary>
    public RationalFunction Trace()
    {
        if (Rows != Columns) throw new InvalidOperationException("Trace of a non-square matrix.");
        var s = RationalFunction.Zero;
        for (var i = 0; i < Rows; i++) s += _entries[i, i];
        return s;
    }

    /// <summary>‖A‖_F² = Σ a_ij².</summary>
    public RationalFunction FrobeniusNormSquared()
    {
        var s = RationalFunction.Zero;
        foreach (var x in _entries) s += x * x;
        return s;
    }

    /// <summary>‖a_j‖² for every column j.</summary>
    public IReadOnlyList<RationalFunction> ColumnNormsSquared() =>
        Enumerable.Range(0, Columns).Select(j => Column(j).Aggregate(RationalFunction.Zero, (s, x) => s + x * x)).ToArray();

    /// <summary>The diagonal matrix with the diagonal of A (diag(XXᵀ) in the DropConnect regularizer).</summary>
    public SymbolicMatrix DiagonalPart()
    {
        if (Rows != Columns) throw new InvalidOperationException("Diagonal part of a non-square matrix.");
        return Create(Rows, Columns, (i, j) => i == j ? _entries[i, j] : RationalFunction.Zero);
    }

    /// <summary>Every entry with the Bernoulli masks' expectation taken.</summary>
    public SymbolicMatrix Expectation(BernoulliMasks masks) => Map(masks.Expectation);

    /// <summary>Every entry differentiated.</summary>
    public SymbolicMatrix Derivative(string name) => Map(x => x.Derivative(name));

    private static void SameShape(SymbolicMatrix a, SymbolicMatrix b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
            throw new ArgumentException($"Shapes differ: {a.Rows}×{a.Columns} and {b.Rows}×{b.Columns}.");
    }

    /// <inheritdoc/>
    public bool Equals(SymbolicMatrix? other) =>
        other is not null && other.Rows == Rows && other.Columns == Columns && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SymbolicMatrix);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rows, Columns, _entries.Length > 0 ? _entries[0, 0] : null);

    /// <summary>Rows of infix entries.</summary>
    public override string ToString() =>
        "[" + string.Join("; ", Enumerable.Range(0, Rows).Select(i => string.Join(", ", Row(i).Select(x => x.ToInfix())))) + "]";

    /// <summary>LaTeX <c>\begin{pmatrix}…\end{pmatrix}</c>.</summary>
    public string ToLatex() =>
        "\\begin{pmatrix}" + string.Join(" \\\\ ", Enumerable.Range(0, Rows).Select(i => string.Join(" & ", Row(i).Select(x => x.ToLatex())))) + "\\end{pmatrix}";
}
