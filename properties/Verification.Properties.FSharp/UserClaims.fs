/// Claims a user writes in F#, through Verification.FSharp: the README's example and a control that must be refuted.
module Verification.Properties.FSharp.UserClaims

open global.Xunit
open MathNet.Numerics.LinearAlgebra
open Verification.FSharp
open Verification.Generators
open Verification.LinearAlgebra
open Verification.Reporting

// README:fsharp-claim begin
let matrices =
    Instances.create "3×4 matrix" (Matrices.Any(3, 4)) Shrink.Entries (fun a -> [ "A", Value.Of a ])

let spectralBelowFrobenius =
    Claim.theorem "example.spectral-below-frobenius" "The spectral norm is at most the Frobenius norm"
        @"\|A\|_2 \le \|A\|_F" "Suite" matrices
        (fun a ->
            Check.atLeast (Tolerances.spectral 3 4 4.0 (a.FrobeniusNorm())) "‖A‖_F ≥ ‖A‖_2"
                (a.FrobeniusNorm()) (Norms.Spectral a))
    |> Claim.withEvidence "one SVD per case, within the SVD tolerance"

let report = spectralBelowFrobenius |> Claim.run { Cases = 200; Seed = 7UL }
printfn "%s: %A" report.Id report.Verdict
// README:fsharp-claim end

[<Fact>]
let ``the README's F# claim runs and is verified on 200 cases`` () =
    Assert.Equal(Verification.Engine.Verdict.Verified, report.Verdict)
    Assert.Equal(200, report.Counts.Checked)
    Assert.True(report.Counterexample.IsNone)

/// A control a user might write: the spectral norm equals the Frobenius norm (true only up to rank 1).
let spectralEqualsFrobenius =
    Claim.control "example.spectral-equals-frobenius" "Control: the spectral norm equals the Frobenius norm"
        @"\|A\|_2 = \|A\|_F" matrices
        (fun a -> Check.within (Tolerances.spectral 3 4 4.0 (a.FrobeniusNorm())) "‖A‖_2 = ‖A‖_F" (Norms.Spectral a) (a.FrobeniusNorm()))
    |> Claim.withEvidence "one SVD per case"

[<Fact>]
let ``a user's control is refuted, shrunk, and replayed through the claim object`` () =
    let report = spectralEqualsFrobenius |> Claim.run (Settings.fromEnvironment ())
    Assert.Equal(Verification.Engine.Verdict.Refuted, report.Verdict)
    let case = Option.get report.Counterexample
    Assert.StartsWith("let replay = claim.Replay(", case.FSharpReplay)
    Assert.True(case.Sides.Lhs <> case.Sides.Rhs)

/// An identity with a premise: for a square matrix with nonzero determinant, det(A⁻¹) = 1/det(A). Singular draws are discarded.
let determinantOfInverse =
    let squares = Instances.create "3×3 matrix" (Matrices.Any(3, 3)) Shrink.Entries (fun a -> [ "A", Value.Of a ])
    Claim.theorem "example.determinant-of-inverse" "det(A⁻¹) = 1 / det(A)" @"\det(A^{-1}) = 1/\det(A)" "Suite" squares
        (fun a ->
            let d = a.Determinant()
            if abs d <= 1e-3 * (a.FrobeniusNorm() ** 3.0) then Check.discard "A is (nearly) singular"
            else Check.within (Tolerances.custom (1e-8 * abs (1.0 / d)) "conditioning-scaled bound, cond ≤ 1e3") "det(A⁻¹) = 1/det(A)" (a.Inverse().Determinant()) (1.0 / d))
    |> Claim.withEvidence "one LU per case on well-conditioned draws"

[<Fact>]
let ``a premise that random matrices often miss makes the verdict inconclusive, with a health message`` () =
    let report = determinantOfInverse |> Claim.run { Cases = 100; Seed = 3UL }
    Assert.True(report.Counts.Checked = report.Counts.Held + report.Counts.Discarded, sprintf "%A" report)
    Assert.True(report.Counts.Discarded > 10, "the generator's low-rank and zero-column styles are singular")
    Assert.Equal(Verification.Engine.Verdict.Inconclusive, report.Verdict)
    Assert.Contains("3×3 matrix", Option.get report.Health)
