/// Every catalog claim checked from F#, through Verification.FSharp only, with a small case budget.
module Verification.Properties.FSharp.CatalogProperties

open global.FsCheck.Xunit
open global.Xunit
open Verification.FSharp

/// The environment's budget (VERIFICATION_CASES, default 100) and seed. A fifth of it was too little power for some
/// claims: at 20 cases, 4 controls went unrefuted and dropblock.minimizer.even-split was inconclusive: 9 of 40 seeds missed an expected verdict.
let settings = Settings.fromEnvironment ()

let ids () : obj[] seq = Catalog.ids () |> Seq.map (fun id -> [| box id |])

[<Theory>]
[<MemberData(nameof ids)>]
let ``every catalog claim reaches its expected verdict from F#`` (claimId: string) =
    let report = Catalog.find claimId |> Claim.run settings
    let why =
        [ report.Counterexample |> Option.map (fun c -> c.Explanation)
          report.Error |> Option.map (fun c -> c.Explanation)
          report.Health ]
        |> List.choose id |> String.concat "; "
    Assert.True(report.AsExpected, $"{claimId}: {report.Verdict}, expected {report.Expected}. {why}")

[<Property(MaxTest = 100)>]
let ``dropout.expectation as an FsCheck property`` () = Claim.property (Catalog.find "dropout.expectation")

[<Property(MaxTest = 100)>]
let ``nuclear.variational as an FsCheck property`` () = Claim.property (Catalog.find "nuclear.variational")

[<Fact>]
let ``an unknown id is None, a known one is Some`` () =
    Assert.True(Catalog.tryFind "no.such.claim" |> Option.isNone)
    Assert.True(Catalog.tryFind "dropout.expectation" |> Option.isSome)

[<Fact>]
let ``a refuted control carries its counterexample as an option`` () =
    let report = Catalog.find "dropout.expectation.control" |> Claim.run settings
    match report.Counterexample with
    | Some c ->
        Assert.Equal<string list>([ "Y"; "U"; "V"; "theta" ], c.Instance |> List.map (fun v -> v.Name))
        Assert.Contains("Catalog.Find", c.CSharpReplay)
    | None -> failwith "a refuted claim carries its counterexample"
