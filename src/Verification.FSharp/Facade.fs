/// The F# face of Verification: claims from F# functions and records, runs that return F# records with options and
/// lists, seeds from the environment, and any claim as an FsCheck property.
namespace Verification.FSharp

open System
open FsCheck
open FsCheck.FSharp
open Verification.Engine
open Verification.Reporting

/// How a run is configured: random cases per claim and the run seed.
type Settings = { Cases: int; Seed: uint64 }

module Settings =
    /// 100 cases, seed 1.
    let defaults = { Cases = 100; Seed = 1UL }

    /// VERIFICATION_CASES and VERIFICATION_SEED when set (as the test suites read them), else the defaults.
    let fromEnvironment () =
        let read name parse fallback =
            match Environment.GetEnvironmentVariable name with
            | null -> fallback
            | text -> match parse text with | true, v -> v | _ -> fallback
        { Cases = read "VERIFICATION_CASES" Int32.TryParse defaults.Cases |> max 1
          Seed = read "VERIFICATION_SEED" UInt64.TryParse defaults.Seed }

    let internal toRunSettings (s: Settings) = RunSettings(s.Cases, s.Seed)

/// Both sides of a checked statement.
type Sides = { Lhs: Value; Rhs: Value }

/// A case that refuted a claim (or on which its check threw), after shrinking.
type Case =
    { Instance: NamedValue list
      Sides: Sides
      Residual: float
      Tolerance: float
      ToleranceReason: string
      Explanation: string
      CSharpReplay: string
      FSharpReplay: string }

/// The counts of a run: cases checked, held, discarded (premise false), inconclusive, and instances screened by a sweep.
type Counts = { Budget: int; Checked: int; Held: int; Discarded: int; Inconclusive: int; Screened: int }

/// The report of a run on one claim.
type Report =
    { Id: string
      Verdict: Verdict
      Expected: Verdict
      AsExpected: bool
      Counts: Counts
      Counterexample: Case option
      Error: Case option
      Health: string option
      Seconds: float }

/// The smallest and largest value a run reached of one documented size.
type Reach = { Name: string; Documented: int * int; Reached: (int * int) option }

module internal Convert =
    let case (x: Counterexample) =
        { Instance = List.ofSeq x.Instance
          Sides = { Lhs = x.Lhs; Rhs = x.Rhs }
          Residual = x.Residual
          Tolerance = x.Tolerance
          ToleranceReason = x.ToleranceReason
          Explanation = x.Explanation
          CSharpReplay = x.CSharpSnippet
          FSharpReplay = x.FSharpSnippet }

    let report (r: ClaimReport) =
        { Id = r.Id
          Verdict = r.Verdict
          Expected = r.Expected
          AsExpected = r.AsExpected
          Counts =
            { Budget = r.Counts.Budget; Checked = r.Counts.Checked; Held = r.Counts.Held
              Discarded = r.Counts.Discarded; Inconclusive = r.Counts.Inconclusive; Screened = r.Counts.Screened }
          Counterexample = Option.ofObj r.Counterexample |> Option.map case
          Error = Option.ofObj r.Error |> Option.map case
          Health = Option.ofObj r.Health
          Seconds = r.Seconds }

/// Instance types from F# functions: a generator, a shrinker toward simpler instances, and a description.
module Instances =
    /// An instance type; <paramref name="describe"/> names the parts of an instance as the statement does.
    let create (name: string) (generator: Gen<'T>) (shrink: 'T -> 'T seq) (describe: 'T -> (string * Value) list) : InstanceType<'T> =
        InstanceType.Create<'T>(
            name, generator, Func<'T, seq<'T>> shrink,
            Func<'T, Collections.Generic.IReadOnlyList<NamedValue>>(fun x -> describe x |> List.map NamedValue |> Array.ofList :> _))

    /// The same instance type with a documented size range (name, min, max) measured by <paramref name="measure"/>.
    let withSizes (sizes: (string * int * int) list) (measure: 'T -> (string * int) list) (instances: InstanceType<'T>) =
        instances.WithSizes(
            sizes |> List.map SizeRange |> Array.ofList,
            Func<'T, Collections.Generic.IReadOnlyDictionary<string, int>>(fun x -> dict (measure x) |> Collections.Generic.Dictionary :> _))

/// Outcomes of a check, as curried functions (explanation first, sides last, so they pipe).
module Check =
    /// lhs = rhs in exact rational arithmetic.
    let exact explanation (lhs: Fractions.Fraction) (rhs: Fractions.Fraction) = Outcome.Exact(lhs, rhs, explanation)
    /// |lhs − rhs| ≤ tolerance.
    let within (tolerance: Tolerance) explanation (lhs: float) (rhs: float) = Outcome.Within(lhs, rhs, tolerance, explanation)
    /// lhs ≥ rhs − tolerance.
    let atLeast (tolerance: Tolerance) explanation (lhs: float) (rhs: float) = Outcome.AtLeast(lhs, rhs, tolerance, explanation)
    /// lhs ≤ rhs + tolerance.
    let atMost (tolerance: Tolerance) explanation (lhs: float) (rhs: float) = Outcome.AtMost(lhs, rhs, tolerance, explanation)
    /// An exact decision.
    let decide explanation (holds: bool) = Outcome.Decide(holds, Value.Of(if holds then "true" else "false"), Value.Of "true", explanation)
    /// The premise does not hold: the case is not evidence.
    let discard reason = Outcome.Discard reason
    /// The check could not settle the case.
    let inconclusive reason = Outcome.Inconclusive(reason)
    /// Every part must hold.
    let all (parts: Outcome list) = Outcome.All(Array.ofList parts)

/// Reasoned tolerances (see CONTRIBUTING.md, "Tolerance model").
module Tolerances =
    /// Exact arithmetic: no tolerance.
    let exact = Tolerance.Exact
    /// Two sides each computed by sums of at most <paramref name="chain"/> rounded operations over terms of total magnitude <paramref name="magnitude"/>.
    let summation (chain: float) (magnitude: float) = Tolerance.Summation(chain, magnitude)
    /// Quantities read off an SVD of an m×n matrix of spectral norm at most <paramref name="scale"/>.
    let spectral (m: int) (n: int) (chain: float) (scale: float) = Tolerance.Spectral(m, n, chain, scale)
    /// A bound of your own, with its reason.
    let custom (bound: float) (reason: string) = Tolerance(bound, reason)

/// Claims from F# functions, run and turned into properties.
module Claim =
    /// A precise statement believed true: expected verified.
    let theorem id title statement source (instances: InstanceType<'T>) (check: 'T -> Outcome) =
        Claim.Theorem(id, title, statement, source, instances, Func<'T, Outcome> check)

    /// A statement known to be false: expected refuted.
    let control id title statement (instances: InstanceType<'T>) (check: 'T -> Outcome) =
        Claim.Control(id, title, statement, instances, Func<'T, Outcome> check)

    /// What the check rests on.
    let withEvidence evidence (claim: Claim<'T>) = claim.WithEvidence evidence

    /// Fixed instances checked before the random ones.
    let withExamples (examples: 'T list) (claim: Claim<'T>) = claim.WithExamples(Array.ofList examples)

    /// Runs any claim (yours or the catalog's) and returns its report.
    let run (settings: Settings) (claim: IClaim) = claim.Run(Settings.toRunSettings settings) |> Convert.report

    /// Runs a claim with the settings of the environment (VERIFICATION_SEED, VERIFICATION_CASES).
    let check (claim: IClaim) = run (Settings.fromEnvironment ()) claim

    /// The claim as an FsCheck property: return it from an FsCheck.Xunit [<Property>] test.
    let property (claim: IClaim) : Property = claim.ToProperty()

    /// The sizes a run's random cases reach against the instance type's documented ranges.
    let coverage (settings: Settings) (claim: IClaim) =
        claim.Coverage(Settings.toRunSettings settings)
        |> Seq.map (fun c ->
            { Name = c.Documented.Name
              Documented = (c.Documented.Min, c.Documented.Max)
              Reached = if c.Min.HasValue then Some(c.Min.Value, c.Max.Value) else None })
        |> List.ofSeq

/// The library's catalog of claims.
module Catalog =
    /// Every claim, in catalog order.
    let all () = Verification.Catalog.All |> List.ofSeq

    /// Every claim id, in catalog order.
    let ids () = all () |> List.map (fun c -> c.Id)

    /// The claim with this id, if any.
    let tryFind id = Verification.Catalog.Instance.TryFind id |> Option.ofObj

    /// The claim with this id; throws KeyNotFoundException with a clear message otherwise.
    let find id = Verification.Catalog.Find id
