using Verification.Symbolic;
using Verification.Symbolic.Derivations;
using Xunit;
using M = Verification.Symbolic.SymbolicMatrix;

namespace Verification.Properties.Symbolic;

public class SymbolicMatrixTests
{
    private static readonly M A = M.Named("A", 2, 3);
    private static readonly M B = M.Named("B", 3, 2);

    [Fact]
    public void Named_entries_are_one_based_symbols()
    {
        var u = M.Named("U", 2, 3);
        Assert.Equal("U_11", u[0, 0].ToInfix());
        Assert.Equal("U_23", u[1, 2].ToInfix());
        Assert.Equal("U_{23}", u[1, 2].ToLatex());
    }

    [Fact]
    public void Trace_norm_and_transpose_identities()
    {
        Assert.Equal((A * B).Trace(), (B * A).Trace());
        Assert.Equal(A.FrobeniusNormSquared(), (A.Transpose() * A).Trace());
        Assert.Equal(A.FrobeniusNormSquared(), A.ColumnNormsSquared().Aggregate(RationalFunction.Zero, (s, x) => s + x));
        Assert.Equal((A * B).Transpose(), B.Transpose() * A.Transpose());
        Assert.Equal(A.Hadamard(B.Transpose()).Transpose(), A.Transpose().Hadamard(B));
        Assert.Equal(A + A, RationalFunction.Constant(2) * A);
        Assert.Equal(M.Zero(2, 3), A - A);
    }

    [Fact]
    public void Block_mask_is_diag_w_kronecker_identity()
    {
        var w = M.NamedVector("w", 2);
        var mask = M.Diagonal(w).KroneckerWithIdentity(2);
        Assert.Equal(4, mask.Rows);
        Assert.Equal(new[] { "w1", "w1", "w2", "w2" }, Enumerable.Range(0, 4).Select(i => mask[i, i].ToInfix()));
        Assert.True(mask[0, 1].IsZero && mask[1, 2].IsZero);
    }

    [Fact]
    public void Expectation_of_a_masked_product_entrywise()
    {
        var masks = BernoulliMasks.WithTheta(["z1", "z2"]);
        var z = M.NamedVector("z", 2);
        var product = M.Diagonal(z) * M.Diagonal(z); // diag(z)² = diag(z) for masks
        Assert.Equal(M.Diagonal(z).Expectation(masks), product.Expectation(masks));
        Assert.Equal("theta", product.Expectation(masks)[0, 0].ToInfix());
    }

    [Fact]
    public void Dropconnect_on_V_differs_from_dropout_for_a_general_X_and_agrees_for_X_identity()
    {
        // dropconnect.equals-dropout.as-stated: the two expectations differ unless XXᵀ is diagonal.
        var dropConnect = Derivations.DropConnectInputLayer(2, 2, 2, 2);
        var dropout = Derivations.DropoutExpectationWithInput(2, 2, 2, 2);
        Assert.NotEqual(dropout.Lhs, dropConnect.Lhs);
        var substituted = new[] { (dropConnect.Lhs, dropout.Lhs) }
            .Select(p => (Connect: Substitute(p.Item1), Dropout: Substitute(p.Item2))).Single();
        Assert.Equal(substituted.Dropout, substituted.Connect);

        static RationalFunction Substitute(RationalFunction f)
        {
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 2; j++)
                    f = f.Substitute(M.EntryName("X", i, j), i == j ? RationalFunction.One : RationalFunction.Zero);
            return f;
        }
    }
}
