using Verification.LinearAlgebra;

namespace Verification.Topics.Dropout;

/// <summary>
/// Dropout's contributions to the shared mask walk: unit k contributes u_k v_kᵀ, so the terms are the alignments
/// a_k = u_kᵀ Y v_k and the Gram terms G_kl = (u_kᵀu_l)(v_kᵀv_l) (<see cref="GramTerms.OfUnits"/>).
/// </summary>
public static class DropoutGramTerms
{
    extension(GramTerms)
    {
        /// <summary>The terms of a dropout instance; computing them costs O((m + n) r² + m n r) once.</summary>
        public static GramTerms Of(DropoutCase c) => GramTerms.OfUnits(c.Y, c.U, c.V);
    }
}
