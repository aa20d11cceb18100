using System.IO.Compression;
using System.Xml;

namespace CoSell.Adapters.Blobs;

/// <summary>The content types of Office main parts, and how a package's main part and its content type are found.</summary>
internal static class OfficeContentTypes
{
    private const int MaxContentTypesChars = 1024 * 1024;

    internal static readonly Dictionary<string, (CollateralFormat Format, bool Macros)> MainContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.ms-powerpoint.template.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] = (CollateralFormat.Word, false),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"] = (CollateralFormat.Word, false),
        ["application/vnd.ms-word.document.macroEnabled.main+xml"] = (CollateralFormat.Word, true),
        ["application/vnd.ms-word.template.macroEnabledTemplate.main+xml"] = (CollateralFormat.Word, true),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] = (CollateralFormat.Excel, false),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"] = (CollateralFormat.Excel, false),
        ["application/vnd.ms-excel.sheet.macroEnabled.main+xml"] = (CollateralFormat.Excel, true),
        ["application/vnd.ms-excel.template.macroEnabled.main+xml"] = (CollateralFormat.Excel, true),
        ["application/vnd.ms-excel.sheet.binary.macroEnabled.main"] = (CollateralFormat.Excel, true),
    };

    /// <summary>
    /// Resolves the content type of the package's main part the way OPC does: the officeDocument
    /// relationship in <c>_rels/.rels</c> names the part; an Override for that part name wins over
    /// the Default for its extension. Returns null (with a hint in <paramref name="otherKind"/>) for
    /// packages that are not PowerPoint, Word or Excel.
    /// </summary>
    internal static string? FindMainContentType(ZipArchive zip, ZipArchiveEntry contentTypes, out string? otherKind)
    {
        otherKind = null;
        ZipArchiveEntry? rootRelationships = zip.GetEntry("_rels/.rels");
        if (rootRelationships is null)
        {
            return null;
        }

        string? target = null;
        foreach ((string name, Func<string, string?> attribute) in ReadElements(rootRelationships))
        {
            string? type = attribute("Type");
            if (name == "Relationship" && type is not null && type.EndsWith("/officeDocument", StringComparison.Ordinal))
            {
                target = attribute("Target");
                break;
            }
        }

        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        string partName = "/" + target.TrimStart('/');
        string extension = partName[(partName.LastIndexOf('.') + 1)..];
        string? overridden = null;
        string? byDefault = null;
        foreach ((string name, Func<string, string?> attribute) in ReadElements(contentTypes))
        {
            if (name == "Override" && string.Equals(attribute("PartName"), partName, StringComparison.OrdinalIgnoreCase))
            {
                overridden = attribute("ContentType");
            }
            else if (name == "Default" && string.Equals(attribute("Extension"), extension, StringComparison.OrdinalIgnoreCase))
            {
                byDefault = attribute("ContentType");
            }
        }

        string? mainType = overridden ?? byDefault;
        if (mainType is not null && MainContentTypes.ContainsKey(mainType))
        {
            return mainType;
        }

        if (mainType is not null && mainType.StartsWith("application/vnd.ms-visio.", StringComparison.OrdinalIgnoreCase))
        {
            otherKind = "Visio drawing";
        }

        return null;
    }

    /// <summary>Element names with attribute lookups of a small package XML part, read safely (no DTD, bounded size).</summary>
    private static List<(string Name, Func<string, string?> Attribute)> ReadElements(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxContentTypesChars)
        {
            throw new InvalidDataException($"{entry.FullName} is too large.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxContentTypesChars,
        };
        var elements = new List<(string, Func<string, string?>)>();
        using Stream part = entry.Open();
        using var reader = XmlReader.Create(part, settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.MoveToNextAttribute())
            {
                attributes[reader.LocalName] = reader.Value;
            }

            reader.MoveToElement();
            elements.Add((reader.LocalName, key => attributes.GetValueOrDefault(key)));
        }

        return elements;
    }
}
