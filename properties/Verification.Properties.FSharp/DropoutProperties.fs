module Verification.Properties.FSharp.DropoutProperties

open global.FsCheck.Xunit
open global.Xunit
open FsCheck
open FsCheck.FSharp
open Verification
open Verification.Claims
open Verification.Dropout

/// A claim of the library as an FsCheck property, through the public API only.
let holds (claim: Claim<'T>) =
    let arb = Arb.fromGenShrink (claim.Generator, fun x -> claim.Shrink.Invoke x)
    Prop.forAll arb (fun instance ->
        let outcome = claim.SafeCheck instance
        outcome.Holds |> Prop.label outcome.Explanation)

[<Property(MaxTest = 100, Replay = "(1,11400714819323198485)")>]
let ``dropout expectation holds`` () = holds DropoutClaims.Expectation

[<Property(MaxTest = 100, Replay = "(2,11400714819323198485)")>]
let ``dropout expectation holds exactly at rational points`` () =
    Prop.forAll (Arb.fromGen (ExactDropoutGenerators.Cases 5)) (fun c ->
        MaskEnumeration.Expectation c = DropoutObjective.ClosedForm c)

[<Fact>]
let ``the control is refuted with a one-unit counterexample`` () =
    let report = DropoutClaims.ExpectationControl.Run(RunSettings(100, 1UL))
    Assert.Equal(Verdict.Refuted, report.Verdict)
    match report.Counterexample with
    | null -> failwith "a refuted claim carries its counterexample"
    | c ->
        let names = c.Instance |> Seq.map (fun v -> v.Name) |> List.ofSeq
        Assert.Equal<string list>([ "Y"; "U"; "V"; "theta" ], names)

[<Fact>]
let ``exact and floating enumerations agree on a dyadic instance`` () =
    let c = ClaimRunner.Generate(DropoutGenerators.Cases 6, 42UL, 80)
    let exact = MaskEnumeration.Expectation(ExactDropoutCase.FromDoubles c)
    let floating = MaskEnumeration.Expectation c
    Assert.True(abs (exact.ToDouble() - floating) <= 1e-12 * max 1.0 (abs floating))
