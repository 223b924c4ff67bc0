module Verification.Properties.FSharp.FactorizationProperties

open System.Collections.Generic
open global.FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.LinearAlgebra
open Verification.Claims
open Verification.Generators
open Verification.LinearAlgebra
open Verification.Factorization

[<Property(MaxTest = 100, Replay = "(3,11400714819323198485)")>]
let ``nuclear norm variational forms hold`` () = DropoutProperties.holds FactorizationClaims.NuclearVariational

[<Fact>]
let ``the catalog runs from F#`` () =
    let reports = Catalog.All |> Seq.map (fun c -> c.Run(RunSettings(20, 1UL))) |> List.ofSeq
    Assert.All(reports, fun r -> Assert.True(r.AsExpected, r.Id))

// README:fsharp-claim begin
let spectralBelowFrobenius =
    Claim<Matrix<float>>(
        Id = "example.spectral-below-frobenius",
        Title = "The spectral norm is at most the Frobenius norm",
        Statement = @"\|A\|_2 \le \|A\|_F",
        Kind = ClaimKind.Theorem,
        SourceKey = "Suite",
        Expected = Verdict.Verified,
        Evidence = "one SVD per case, within the SVD tolerance",
        Generator = Matrices.Any(3, 4),
        Shrink = (fun a -> Shrink.Entries a),
        Check = (fun a ->
            CheckOutcome.AtLeast(a.FrobeniusNorm(), Norms.Spectral a,
                                 Tolerance.Spectral(3, 4, 4.0, a.FrobeniusNorm()), "‖A‖_F ≥ ‖A‖_2")),
        Describe = (fun a -> [| NamedValue("A", Value.Of a) |] :> IReadOnlyList<_>))

let report = spectralBelowFrobenius.Run(RunSettings(Cases = 200, Seed = 7UL))
printfn "%s: %A" report.Id report.Verdict
// README:fsharp-claim end

[<Fact>]
let ``the README's F# claim compiles, runs and is verified`` () =
    Assert.Equal(Verdict.Verified, report.Verdict)
    Assert.Equal(200, report.Cases)
