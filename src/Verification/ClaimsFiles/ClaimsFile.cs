using System.Text.RegularExpressions;
using Fractions;
using Verification.ClaimsFiles.Syntax;
using Verification.Engine;
using Verification.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verification.ClaimsFiles;

/// <summary>
/// Reads a claims file (YAML): a list of claims, each with an id, a title, a source, its symbols and dimensions, optional
/// definitions, lhs, rhs and the relation between them. Every problem is one line that names the file, the line and the
/// column: a YAML syntax error, an unknown key, an unknown symbol, a dimension without a range, a shape mismatch, an
/// expectation over an undeclared variable, a non-polynomial side where exactness was asked for.
/// </summary>
public static class ClaimsFile
{
    /// <summary>Claims files are small: larger input is refused before it is parsed.</summary>
    public const int MaxBytes = 4 << 20;

    private static readonly string[] ClaimKeys = ["id", "title", "source", "kind", "decision", "twins", "symbols", "dimensions", "where", "lhs", "relation", "rhs", "exact"];

    private static readonly Regex IdPattern = new("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant);

    /// <summary>Reads and checks every claim of a file (throws <see cref="InputException"/> with FILE:LINE:COLUMN on any problem).</summary>
    public static IReadOnlyList<ClaimModel> Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new InputException($"claims file not found: {path}");
        if (new FileInfo(path).Length > MaxBytes) throw new InputException($"{path}: a claims file is at most {MaxBytes >> 20} MiB");
        return Parse(System.IO.File.ReadAllText(path), path);
    }

    public static IReadOnlyList<ClaimModel> Parse(string text, string file)
    {
        var lines = text.Split('\n');
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new YamlDotNet.Core.Parser(scanner));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            if (reason.StartsWith('(') && cut > 0) reason = reason[(cut + 3)..];
            var hint = reason.Contains("flow", StringComparison.Ordinal) ? " (a ',' inside { … } separates entries: quote a value that contains one, as in theta: \"scalar (0, 1]\", or use block style)" : "";
            throw new InputException($"{file}:{e.Start.Line}:{e.Start.Column}: YAML syntax error: {reason.Trim()}{hint}");
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{file}: YAML error: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections (an unclosed '{' or '['): report where it stopped.
            throw new InputException($"{file}:{scanner.CurrentPosition.Line}:{scanner.CurrentPosition.Column}: YAML syntax error: malformed text here (an unclosed '{{' or '[', or a ',' inside a flow mapping: quote such values, or use block style)");
        }
        if (stream.Documents.Count == 0) throw new InputException($"{file}: the file is empty (expected `claims:` followed by a list of claims)");
        var root = stream.Documents[0].RootNode;
        var reader = new Reader(file, lines);
        if (root is not YamlMappingNode top || !top.Children.ContainsKey(new YamlScalarNode("claims")))
            throw reader.Error(root, "expected a mapping with the key `claims:` followed by a list of claims");
        foreach (var key in top.Children.Keys)
            if (key is not YamlScalarNode { Value: "claims" }) throw reader.Error(key, $"unknown key '{reader.Text(key)}' at the top (expected `claims:`)");
        if (top.Children[new YamlScalarNode("claims")] is not YamlSequenceNode list)
            throw reader.Error(top.Children[new YamlScalarNode("claims")], "`claims:` must be a list (each claim starts with '- id: …')");
        var claims = new List<ClaimModel>();
        foreach (var item in list.Children)
        {
            var claim = reader.Claim(item);
            if (claims.Any(c => c.Id == claim.Id)) throw reader.Error(item, $"the claim id '{claim.Id}' appears twice in the file");
            claims.Add(claim);
        }
        return claims;
    }

    private sealed class Reader(string file, string[] lines)
    {
        public InputException Error(YamlNode node, string message) => new($"{file}:{node.Start.Line}:{node.Start.Column}: {message}");

        public string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();

        private string Scalar(YamlNode node, string what)
        {
            if (node is not YamlScalarNode { Value: { } value }) throw Error(node, $"{what} must be text");
            return value;
        }

        public ClaimModel Claim(YamlNode item)
        {
            if (item is not YamlMappingNode map) throw Error(item, "each claim is a mapping (id:, symbols:, lhs:, rhs:, …)");
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = Scalar(k, "a key");
                if (!ClaimKeys.Contains(key))
                    throw Error(k, $"unknown key '{key}' (a claim has {string.Join(", ", ClaimKeys)})");
                fields[key] = v;
            }
            YamlNode Required(string key) => fields.TryGetValue(key, out var n) ? n : throw Error(map, $"the claim has no `{key}:`");

            var idNode = Required("id");
            var id = Scalar(idNode, "the id");
            if (!IdPattern.IsMatch(id)) throw Error(idNode, $"the id '{id}' must be dotted lowercase words, such as paper.dropout-eq3");

            var dimensions = new Dictionary<string, DimensionRange>(StringComparer.Ordinal);
            if (fields.TryGetValue("dimensions", out var dimsNode))
            {
                if (dimsNode is not YamlMappingNode dims) throw Error(dimsNode, "`dimensions:` must map names to ranges, such as { m: 1..5, r: 1..4 }");
                foreach (var (k, v) in dims.Children)
                {
                    var name = Name(k, "dimension");
                    if (name == "x") throw Error(k, "'x' separates the two dimensions of a shape (m x n): name the dimension otherwise");
                    var range = DimensionRange.TryParse(name, Scalar(v, "a range"))
                                ?? throw Error(v, $"the range of '{name}' must be a positive integer or lo..hi, such as 1..5");
                    if (range.Min < 1 || range.Max > DimensionRange.Limit || range.Min > range.Max)
                        throw Error(v, $"the range of '{name}' must satisfy 1 ≤ lo ≤ hi ≤ {DimensionRange.Limit}");
                    dimensions[name] = range;
                }
            }

            var symbols = new List<SymbolDeclaration>();
            if (Required("symbols") is not YamlMappingNode symbolsNode) throw Error(fields["symbols"], "`symbols:` must map names to declarations, such as Y: matrix m x n");
            foreach (var (k, v) in symbolsNode.Children)
            {
                var name = Name(k, "symbol");
                if (dimensions.ContainsKey(name)) throw Error(k, $"'{name}' is both a dimension and a symbol");
                if (symbols.Any(s => s.Name == name)) throw Error(k, $"the symbol '{name}' is declared twice");
                var declaration = DeclarationParser.Parse(name, Source(v, "a declaration"));
                foreach (var dim in declaration.Shape.Rows.Variables.Concat(declaration.Shape.Columns.Variables))
                    if (!dimensions.ContainsKey(dim))
                        throw Error(v, $"the dimension '{dim}' in the shape of '{name}' has no range: add it under dimensions, e.g. {dim}: 1..4");
                symbols.Add(declaration);
            }
            var byName = symbols.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var checker = new ShapeChecker(byName, dimensions);

            foreach (var s in symbols.Where(s => s.Kind == SymbolKind.Bernoulli))
            {
                var info = checker.Check(s.Retain!);
                if (!info.Shape.IsScalar || info.Random.Count > 0 || !info.IsExact)
                    throw Lexer.Error(s.Retain!.Source, s.Retain.Start, $"the retain probability `{s.Retain.Text}` of '{s.Name}' must be a polynomial scalar of the deterministic symbols (a number such as 1/2, or a scalar such as theta)");
                if (s.Retain is NameNode { Name: var p } && byName.TryGetValue(p, out var retain) && !retain.Range.Within(Fraction.Zero, Fraction.One))
                    throw Lexer.Error(s.Retain.Source, s.Retain.Start, $"the retain probability '{p}' of '{s.Name}' must be declared within [0, 1], e.g. {p}: scalar (0, 1] (it is {retain.Describe()})");
                if (s.Retain is NumberNode { Value: var q } && (q < Fraction.Zero || q > Fraction.One))
                    throw Lexer.Error(s.Retain.Source, s.Retain.Start, $"the retain probability of '{s.Name}' must lie in [0, 1]");
            }

            if (fields.TryGetValue("where", out var whereNode))
            {
                if (whereNode is not YamlMappingNode where) throw Error(whereNode, "`where:` must map names to expressions, such as lambda: (1 - theta)/theta");
                foreach (var (k, v) in where.Children)
                {
                    var name = Name(k, "definition");
                    checker.Define(name, ExpressionParser.Parse(Source(v, "an expression")));
                }
            }

            var lhs = ExpressionParser.Parse(Source(Required("lhs"), "lhs"));
            var rhs = ExpressionParser.Parse(Source(Required("rhs"), "rhs"));
            var lhsInfo = checker.Check(lhs);
            var rhsInfo = checker.Check(rhs);
            if (lhsInfo.Shape != rhsInfo.Shape)
                throw Lexer.Error(rhs.Source, rhs.Start, $"shape mismatch between the sides: lhs `{lhs.Text}` is {lhsInfo.Shape} but rhs `{rhs.Text}` is {rhsInfo.Shape}");

            var relation = Relation.Equal;
            if (fields.TryGetValue("relation", out var relationNode))
                relation = Scalar(relationNode, "the relation").Trim() switch
                {
                    "=" or "==" => Relation.Equal,
                    "<=" or "≤" => Relation.AtMost,
                    ">=" or "≥" => Relation.AtLeast,
                    var other => throw Error(relationNode, $"unknown relation '{other}' (use =, <= or >=; quote them, as in relation: \">=\", or write ≤ and ≥)"),
                };

            var kind = ClaimKind.Theorem;
            if (fields.TryGetValue("kind", out var kindNode))
                kind = Scalar(kindNode, "the kind") switch
                {
                    "theorem" => ClaimKind.Theorem,
                    "control" => ClaimKind.Control,
                    "as-stated" => ClaimKind.AsStated,
                    "open" => ClaimKind.Open,
                    var other => throw Error(kindNode, $"unknown kind '{other}' (theorem, control, as-stated or open)"),
                };
            Verdict? decision = null;
            if (fields.TryGetValue("decision", out var decisionNode))
                decision = Scalar(decisionNode, "the decision") switch
                {
                    "verified" => Verdict.Verified,
                    "refuted" => Verdict.Refuted,
                    "inconclusive" => Verdict.Inconclusive,
                    var other => throw Error(decisionNode, $"unknown decision '{other}' (verified, refuted or inconclusive)"),
                };
            if (kind is ClaimKind.AsStated or ClaimKind.Open && decision is null)
                throw Error(kindNode!, $"a claim of kind {Names.Of(kind)} records the decision the suite reached: add decision: refuted (or verified)");
            if (kind is ClaimKind.Theorem or ClaimKind.Control && decision is not null)
                throw Error(decisionNode!, $"a {Names.Of(kind)}'s expected verdict follows from its kind: drop `decision:`");

            var requiresExact = false;
            if (fields.TryGetValue("exact", out var exactNode))
                requiresExact = Scalar(exactNode, "exact") switch
                {
                    "true" or "yes" => true,
                    "false" or "no" => false,
                    _ => throw Error(exactNode, "exact must be true or false"),
                };
            var inexact = lhsInfo.Inexact ?? rhsInfo.Inexact;
            if (requiresExact && inexact is not null)
                throw Error(exactNode!, $"the claim asks for exact evaluation (exact: true), but {inexact}, which is not polynomial: drop exact: true to check it in floating point");

            var twins = new List<string>();
            if (fields.TryGetValue("twins", out var twinsNode))
            {
                if (twinsNode is YamlSequenceNode seq) twins.AddRange(seq.Children.Select(t => Scalar(t, "a twin id")));
                else twins.Add(Scalar(twinsNode, "a twin id"));
            }

            var statement = $"{lhs.Text} {(relation == Relation.Equal ? "=" : relation == Relation.AtMost ? "≤" : "≥")} {rhs.Text}";
            var title = fields.TryGetValue("title", out var titleNode) ? Scalar(titleNode, "the title") : statement;
            var source = fields.TryGetValue("source", out var sourceNode) ? Scalar(sourceNode, "the source") : $"claims file {Path.GetFileName(file)}";
            return new ClaimModel(file, id, title, source, kind, decision, twins, symbols, dimensions.Values.ToList(), checker, lhs, relation, rhs, requiresExact);
        }

        private string Name(YamlNode node, string what)
        {
            var name = Scalar(node, $"the name of a {what}").Replace("θ", "theta", StringComparison.Ordinal);
            if (!Verification.Symbolic.Symbols.IsValid(name))
                throw Error(node, $"'{name}' is not a name for a {what} (a letter, then letters, digits or '_')");
            return name;
        }

        /// <summary>The text of a scalar with a map from offsets in it to lines and columns of the file.</summary>
        public SourceText Source(YamlNode node, string what)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null) throw Error(node, $"{what} must be text");
            var value = scalar.Value;
            var (line, column) = ((int)node.Start.Line, (int)node.Start.Column);
            if (!value.Contains('\n') && node.Start.Line == node.End.Line)
            {
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
                return new SourceText(file, value, offset => (line, column + quoted + offset));
            }
            // A block or multi-line scalar: find each line of the value among the file's lines after the start.
            var segments = new List<(int Offset, int Line, int Column)>();
            var first = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded ? line + 1 : line;
            var consumed = 0;
            for (var l = first; l <= Math.Min((int)node.End.Line, lines.Length) && consumed < value.Length; l++)
            {
                var raw = lines[l - 1].TrimEnd('\r');
                var startColumn = l == line ? column - 1 : 0;
                if (startColumn > raw.Length) continue;
                var content = raw[startColumn..].TrimStart();
                if (content.Length == 0) continue;
                var at = value.IndexOf(content.TrimEnd(), consumed, StringComparison.Ordinal);
                if (at < 0) continue;
                segments.Add((at, l, raw.Length - raw[startColumn..].TrimStart().Length + 1));
                consumed = at + content.TrimEnd().Length;
            }
            if (segments.Count == 0) return new SourceText(file, value, offset => (line, column + offset));
            return new SourceText(file, value, offset =>
            {
                var s = segments.LastOrDefault(x => x.Offset <= offset);
                if (s == default) s = segments[0];
                return (s.Line, s.Column + offset - s.Offset);
            });
        }
    }
}
