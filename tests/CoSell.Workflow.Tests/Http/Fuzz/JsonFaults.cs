using System.Globalization;
using System.Text;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Generates JSON <see cref="BodyFault"/>s for an object or an array of objects described by <see cref="JsonField"/>s.</summary>
internal static class JsonFaults
{
    private static readonly string[] Unknown = ["documentz", "Name2", "_name", "$type", "a'b", "a.b", "[0]", "x y", "na\u200Bme", "\u540D\u524D", "emai1", "__proto__", "constructor"];

    private static readonly string[] OtherValues = ["1", "\"x\"", "null", "{}", "[]", "true"];

    /// <summary>Faults of one object body (the root of SaveDraft or SubmitForReview); errors are keyed by field name.</summary>
    public static Gen<BodyFault> ForObject(JsonField[] fields, string[] alsoKnown, string root)
    {
        string valid = Render(Valid(fields));
        return Gen.Frequency(
            (8, InObject(fields, alsoKnown).Select(f => new BodyFault(f.Why, Encode(Render(f.Pairs)), f.Field, f.Says))),
            (2, Malformed(valid, root)),
            (1, Gen.OneOfConst("[]", "[{}]", "5", "\"x\"", "true", "null").Select(json => new BodyFault("root is " + json, Encode(json), root))));
    }

    /// <summary>Faults of an array of objects (ImportContacts): in one element, of one element, of the list, or of the text.</summary>
    public static Gen<BodyFault> ForArray(JsonField[] fields, string root, int maxItems)
    {
        return Gen.Int[1, 3].SelectMany(count =>
        {
            List<string> elements = [.. Enumerable.Range(0, count).Select(i => Render(Distinct(Valid(fields), i)))];
            Gen<BodyFault> inElement = Gen.Select(Gen.Int[0, count - 1], InObject(fields, []), (i, fault) =>
            {
                List<string> all = [.. elements];
                all[i] = Render(Distinct(fault.Pairs, i));
                return new BodyFault($"contact {i}: {fault.Why}", Encode("[" + string.Join(",", all) + "]"), fault.Field is null ? null : $"{root}[{i}].{fault.Field}", fault.Says);
            });
            Gen<BodyFault> ofElement = Gen.Select(Gen.Int[0, count - 1], Gen.OneOfConst("null", "5", "\"x\"", "[]", "true", "[{}]"), (i, json) =>
            {
                List<string> all = [.. elements];
                all[i] = json;
                return new BodyFault($"contact {i} is {json}", Encode("[" + string.Join(",", all) + "]"), $"{root}[{i}]");
            });
            Gen<BodyFault> sameEmail = Gen.Const(new BodyFault(
                "two contacts with one e-mail",
                Encode("[" + string.Join(",", [.. elements, elements[0]]) + "]"),
                $"{root}[{count}].email"));
            Gen<BodyFault> tooMany = Gen.Int[maxItems + 1, maxItems + 5].Select(n => new BodyFault(
                $"{n} contacts",
                Encode("[" + string.Join(",", Enumerable.Range(0, n).Select(i => Render(Distinct(Valid(fields), i)))) + "]"),
                root));
            return Gen.Frequency(
                (8, inElement),
                (1, ofElement),
                (1, sameEmail),
                (1, tooMany),
                (2, Malformed("[" + string.Join(",", elements) + "]", root)),
                (1, Gen.OneOfConst("{}", "5", "\"x\"", "true", "null", "{\"contacts\":[]}").Select(json => new BodyFault("root is " + json, Encode(json), root))));
        });
    }

    /// <summary>A JSON string literal with every character outside printable ASCII escaped (so controls and surrogates arrive as escapes).</summary>
    public static string Literal(string text)
    {
        var json = new StringBuilder("\"");
        foreach (char c in text)
        {
            json.Append(c is '"' or '\\' || c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return json.Append('"').ToString();
    }

    private static Gen<(string Why, List<(string Name, string Raw)> Pairs, string? Field, string? Says)> InObject(JsonField[] fields, string[] alsoKnown)
    {
        List<(string Name, string Raw)> valid = Valid(fields);
        string[] known = [.. fields.Select(f => f.Name), .. alsoKnown];
        Gen<JsonField> any = Gen.OneOfConst(fields);
        JsonField[] texts = [.. fields.Where(f => f.Embed is not null)];
        var faults = new List<(int, IGen<(string, List<(string, string)>, string?, string?)>)>
        {
            (4, any.SelectMany(f => Gen.OneOfConst(WrongTypes(f)).Select(raw => ($"{f.Name} = {raw}", With(valid, f.Name, raw), (string?)f.Name, (string?)null)))),
            (2, Gen.OneOfConst([.. fields.Where(f => f.Required)]).Select(f => ($"{f.Name} missing", Without(valid, f.Name), (string?)f.Name, (string?)null))),
            (2, Gen.Select(Gen.OneOfConst(Unknown).Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)), Gen.OneOfConst(OtherValues), Gen.Int[0, valid.Count], (name, raw, at) =>
                ($"unknown field {name}", Insert(valid, at, (name, raw)), (string?)null, (string?)$"Unknown field '{name}'"))),
            (2, Gen.Select(any, Gen.Bool, (f, first) => ($"{f.Name} twice", Insert(valid, first ? 0 : valid.Count, (f.Name, f.Valid)), (string?)f.Name, (string?)"more than once"))),
        };
        JsonField[] ruled = [.. fields.Where(f => f.Invalid.Length > 0)];
        if (ruled.Length > 0)
        {
            faults.Add((3, Gen.OneOfConst(ruled).SelectMany(f => Gen.OneOfConst(f.Invalid).Select(raw => ($"{f.Name} = {raw}", With(valid, f.Name, raw), (string?)f.Name, (string?)null)))));
        }

        if (texts.Length > 0)
        {
            Gen<JsonField> text = Gen.OneOfConst(texts);
            faults.Add((2, text.Where(f => f.MaxLength > 0).SelectMany(f => Hostile.LongText(f.MaxLength + 1, f.MaxLength + 3000).Select(s =>
                ($"{f.Name} of {f.Embed!(s).Length} chars", With(valid, f.Name, Literal(f.Embed!(s))), (string?)f.Name, (string?)null)))));
            faults.Add((2, text.SelectMany(f => Gen.OneOfConst(f.LineBreaks ? Hostile.ControlsBesidesLineBreaks : Hostile.Controls).Select(control =>
                ($"{f.Name} with U+{(int)control[0]:X4}", With(valid, f.Name, Literal(f.Embed!("b" + control + "c"))), (string?)f.Name, f.FreeText ? "Control characters" : null)))));
            faults.Add((2, Gen.Select(text, Gen.OneOfConst("\\uD800", "\\uDBFF", "\\uDC00", "\\uDFFFx", "a\\uD800\\u0041", NotUtf8.Marker.ToString()), (f, bad) =>
                ($"{f.Name} with invalid Unicode {bad}", With(valid, f.Name, "\"a" + bad + "b\""), (string?)f.Name, (string?)"not valid Unicode"))));
        }

        return Gen.Frequency([.. faults]);
    }

    /// <summary>Text that is not JSON, or not one JSON value: cut short, trailing commas, comments, quotes, garbage.</summary>
    private static Gen<BodyFault> Malformed(string valid, string root)
    {
        char close = valid[^1];
        return Gen.OneOf(
            Gen.Int[0, valid.Length - 1].Select(n => new BodyFault($"cut after {n} chars", Encode(valid[..n]), n == 0 ? root : null, n == 0 ? "empty" : null)),
            Gen.OneOfConst(
                valid[..^1] + "," + close,
                "/* note */" + valid,
                valid + " // note",
                valid + "x",
                valid + valid,
                valid.Replace('"', '\''),
                "{" + valid[1..].Replace("\"", string.Empty, StringComparison.Ordinal),
                valid[..^1] + (close == '}' ? ",\"x\":NaN}" : ",NaN]"),
                valid[..^1] + (close == '}' ? ",\"x\":0x10}" : ",0x10]"),
                valid[..^1] + (close == '}' ? ",\"x\":01}" : ",01]"),
                new string('[', 2000) + new string(']', 2000),
                "\u00A0" + valid,
                valid.Replace(":", " : :", StringComparison.Ordinal),
                "\"" + valid).Select(text => new BodyFault("not JSON: " + FuzzRequest.Visible(text, 60), Encode(text), null)),
            Gen.OneOfConst<byte[]>([0xFF, 0xFE], [0x00], [0xC0, 0xAF], [0xFF, 0xFE, (byte)'{', 0x00, (byte)'}', 0x00])
                .Select(bytes => new BodyFault("binary body", bytes, null)));
    }

    private static string[] WrongTypes(JsonField field)
    {
        string[] wrong = field.Type switch
        {
            JsonType.Text => ["5", "-1.5e3", "true", "false", "{}", "[]", "[\"x\"]", "{\"a\":\"b\"}"],
            JsonType.Choice => ["0", "3", "true", "{}", "[]", "\"\"", "\"Unknown\"", "[\"SaaS\"]"],
            JsonType.TextList => ["\"US\"", "5", "{}", "true", "[1]", "[true]", "[{}]", "[[\"US\"]]", "[\"US\",2]"],
            JsonType.Flag => ["\"true\"", "1", "0", "\"yes\"", "{}", "[]", "\"\"", "[true]"],
            _ => ["\"0.5\"", "true", "{}", "[]", "1e400", "-1e400", "[0.5]", "\"\""],
        };
        return field.Required ? [.. wrong, "null"] : wrong;
    }

    private static List<(string Name, string Raw)> Valid(JsonField[] fields) => [.. fields.Select(f => (f.Name, f.Valid))];

    /// <summary>Gives element <paramref name="index"/> of a list its own e-mail address, as the list rules require.</summary>
    private static List<(string Name, string Raw)> Distinct(List<(string Name, string Raw)> pairs, int index)
        => [.. pairs.Select(p => p.Name == "email" && p.Raw == "\"ana@contoso.example\"" ? (p.Name, $"\"seller{index}@contoso.example\"") : p)];

    private static List<(string Name, string Raw)> With(List<(string Name, string Raw)> pairs, string name, string raw) => [.. pairs.Select(p => p.Name == name ? (name, raw) : p)];

    private static List<(string Name, string Raw)> Without(List<(string Name, string Raw)> pairs, string name) => [.. pairs.Where(p => p.Name != name)];

    private static List<(string Name, string Raw)> Insert(List<(string Name, string Raw)> pairs, int at, (string Name, string Raw) pair)
    {
        List<(string Name, string Raw)> copy = [.. pairs];
        copy.Insert(at, pair);
        return copy;
    }

    private static string Render(List<(string Name, string Raw)> pairs) => "{" + string.Join(",", pairs.Select(p => Literal(p.Name) + ":" + p.Raw)) + "}";

    private static byte[] Encode(string json) => NotUtf8.Encode(json);
}
