namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>The JSON type a field expects.</summary>
internal enum JsonType
{
    Text,
    Choice,
    TextList,
    Flag,
    Share,
}

/// <summary>
/// One field of a JSON body: its valid raw value, its type, whether it is required, raw values that are well-typed but
/// break its rule, and (for free text) how to put other text inside a valid value and how long it may be.
/// </summary>
internal sealed record JsonField(string Name, JsonType Type, string Valid, bool Required = false)
{
    public string[] Invalid { get; init; } = [];

    /// <summary>Builds a valid-looking value around the given text (a name, a URL path, an e-mail local part).</summary>
    public Func<string, string>? Embed { get; init; }

    /// <summary>The longest accepted value; 0 = no length rule tested.</summary>
    public int MaxLength { get; init; }

    /// <summary>False for fields whose rule already refuses anything but ASCII (e-mail), where control characters get that rule's message.</summary>
    public bool FreeText { get; init; } = true;

    /// <summary>True where tab, CR and LF are kept (contact fields, like the CSV cells they come from).</summary>
    public bool LineBreaks { get; init; }
}

/// <summary>The fields of each JSON body the API reads.</summary>
internal static class JsonFields
{
    private static readonly string[] BadEmails = ["\"\"", "\"ana\"", "\"ana@\"", "\"@contoso.example\"", "\"ana@contoso\"", "\"ana@@contoso.example\"", "\"Ana <ana@contoso.example>\"", "\"ana@contoso.example.\"", "\"ana silva@contoso.example\"", "\"ana@-contoso.example\"", "\"ana@contoso.e\""];

    private static readonly JsonField[] Flags =
        [.. new[] { "isTransactable", "cspConfigured", "meetsPublishingRequirements", "businessProfileComplete", "builtOnAzure" }.Select(f => new JsonField(f, JsonType.Flag, "true"))];

    public static readonly JsonField[] Draft =
    [
        new("name", JsonType.Text, "\"Contoso Analytics\"", Required: true) { Invalid = ["\"\"", "\"   \""], Embed = s => "Contoso " + s + " Analytics", MaxLength = 200 },
        new("solutionType", JsonType.Choice, "\"IpSolution\"", Required: true) { Invalid = ["\"SaaS\"", "\"IpSolution, Services\"", "\"IP solution\""] },
        new("kind", JsonType.Choice, "\"SaaS\"", Required: true) { Invalid = ["\"Consulting\"", "\"ManagedService\"", "\"SaaS, AzureApplication\"", "\"AzureApplication,VirtualMachine\"", "\"Saas as a service\""] },
        new("eligibleCountries", JsonType.TextList, "[\"US\",\"CA\"]", Required: true) { Invalid = ["[]", "[\"XX\"]", "[\"USA\"]", "[\"\"]", "[\"US\",\"us\"]", "[\"OOO\"]", "[null]", "[\"U S\"]"] },
        .. Flags,
        new("repeatableIpShare", JsonType.Share, "0.8") { Invalid = ["1.0000001", "-0.01", "2"] },
        new("landingPageUrl", JsonType.Text, "\"https://contoso.example/analytics\"") { Invalid = ["\"\"", "\"ftp://contoso.example/x\"", "\"javascript:alert(1)\"", "\"/analytics\"", "\"contoso.example\"", "\"file:///etc/passwd\""], Embed = s => "https://contoso.example/" + s, MaxLength = 2048 },
        new("socialOrEvidenceUrl", JsonType.Text, "\"https://www.linkedin.com/company/contoso\"") { Invalid = ["\"\"", "\"mailto:a@contoso.example\"", "\"data:text/html,x\""], Embed = s => "https://www.linkedin.com/" + s, MaxLength = 2048 },
    ];

    public static readonly JsonField[] Submit =
    [
        new("submittedBy", JsonType.Text, "\"pm@contoso.example\"", Required: true) { Invalid = BadEmails, Embed = s => s + "@contoso.example", MaxLength = 64, FreeText = false },
    ];

    public static readonly JsonField[] Contact =
    [
        new("name", JsonType.Text, "\"Ana Silva\"", Required: true) { Invalid = ["\"\"", "\" \""], Embed = s => "Ana " + s + " Silva", MaxLength = 200, LineBreaks = true },
        new("email", JsonType.Text, "\"ana@contoso.example\"", Required: true) { Invalid = BadEmails, Embed = s => s + "@contoso.example", MaxLength = 64, FreeText = false },
        new("jobTitle", JsonType.Text, "\"Seller\"") { Embed = s => "Seller " + s + " EMEA", MaxLength = 200, LineBreaks = true },
        new("role", JsonType.Text, "\"Sales\"") { Embed = s => "Sales " + s + " lead", MaxLength = 200, LineBreaks = true },
        new("countries", JsonType.TextList, "[\"US\",\"CA\"]", Required: true) { Invalid = ["[]", "[\"XX\"]", "[\"USA\"]", "[\"\"]", "[null]", "[\"US\",null]", "[\"=US\"]", "[\"+US\"]", "[\"@US\"]"] },
        new("states", JsonType.TextList, "[\"WA\"]") { Invalid = ["[null]", "[\"WA\",null]"] },
    ];
}
