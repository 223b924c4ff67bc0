using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Verification.Reporting;

/// <summary>The one JSON writer setup of the suite: indented, UTF-8 without escaping of non-ASCII text, a final newline.</summary>
public static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Finite numbers as JSON numbers (shortest round-trip form); non-finite ones as the strings "Infinity", "-Infinity", "NaN".</summary>
    public static void WriteNumber(Utf8JsonWriter w, double x)
    {
        if (double.IsFinite(x)) w.WriteNumberValue(x);
        else w.WriteStringValue(x.ToString(CultureInfo.InvariantCulture));
    }

    public static void WriteNumber(Utf8JsonWriter w, string name, double x)
    {
        w.WritePropertyName(name);
        WriteNumber(w, x);
    }

    public static void WriteValue(Utf8JsonWriter w, Value value)
    {
        switch (value)
        {
            case ScalarValue s: WriteNumber(w, s.Value); break;
            case IntegerValue i: w.WriteNumberValue(i.Value); break;
            case ExactValue e: w.WriteStringValue(e.Text); break;
            case TextValue t: w.WriteStringValue(t.Text); break;
            case MatrixValue m:
                w.WriteStartArray();
                foreach (var row in m.Rows)
                {
                    w.WriteStartArray();
                    foreach (var x in row) WriteNumber(w, x);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            case ExactMatrixValue m:
                w.WriteStartArray();
                foreach (var row in m.Rows)
                {
                    w.WriteStartArray();
                    foreach (var x in row) w.WriteStringValue(x);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            default: throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    public static void WriteValue(Utf8JsonWriter w, string name, Value value)
    {
        w.WritePropertyName(name);
        WriteValue(w, value);
    }

    public static void WriteNamed(Utf8JsonWriter w, IReadOnlyList<NamedValue> values)
    {
        w.WriteStartObject();
        foreach (var v in values) WriteValue(w, v.Name, v.Value);
        w.WriteEndObject();
    }
}
