using System.Buffers.Binary;

namespace CoSell.Adapters.Blobs;

/// <summary>Detects Office 97-2003 files (OLE compound files) and their encryption flags.</summary>
internal static class LegacyOfficeDetector
{
    private const int MaxCompoundFileEntries = 4096;

    internal static Detection Inspect(string fileName, ArraySegment<byte> content)
    {
        CompoundFile? file = CompoundFile.TryOpen(content, MaxCompoundFileEntries);
        if (file is null)
        {
            return Detection.Failed($"'{fileName}' could not be read as an Office 97-2003 file (it is damaged or incomplete); save it again and upload the new file.");
        }

        bool Has(string name) => file.Entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        string Encrypted(string family) => $"'{fileName}' is an encrypted (password-protected) {family} file; upload a copy that opens without a password.";
        if (Has("EncryptedPackage"))
        {
            return Detection.Failed(Encrypted("Office"));
        }

        if (Has("PowerPoint Document"))
        {
            return Has("EncryptedSummary")
                ? Detection.Failed(Encrypted("PowerPoint"))
                : new Detection(CollateralFormat.PowerPoint, "PowerPoint 97-2003 presentation", null, "slides");
        }

        if (file.FindStream("WordDocument") is { } wordStream)
        {
            return IsEncryptedWordBinary(file, wordStream)
                ? Detection.Failed(Encrypted("Word"))
                : new Detection(CollateralFormat.Word, "Word 97-2003 document", null, "pages");
        }

        if ((file.FindStream("Workbook") ?? file.FindStream("Book")) is { } workbookStream)
        {
            return IsEncryptedExcelBinary(file, workbookStream)
                ? Detection.Failed(Encrypted("Excel"))
                : new Detection(CollateralFormat.Excel, "Excel 97-2003 workbook", null, "sheets");
        }

        if (Has("VisioDocument"))
        {
            return CollateralMessages.NotAllowed(fileName, "Visio drawing");
        }

        return CollateralMessages.NotAllowed(fileName, "OLE compound file that is not a PowerPoint, Word or Excel document, such as an installer or an Outlook message");
    }

    /// <summary>MS-DOC: the FIB at the start of the WordDocument stream flags encryption (fEncrypted) and XOR obfuscation (fObfuscated).</summary>
    private static bool IsEncryptedWordBinary(CompoundFile file, CompoundFile.Entry stream)
    {
        const ushort WordIdent = 0xA5EC;
        const ushort EncryptedFlags = 0x0100 | 0x8000;
        byte[]? fib = file.TryReadStreamPrefix(stream, 32);
        return fib is { Length: >= 12 }
            && BinaryPrimitives.ReadUInt16LittleEndian(fib) == WordIdent
            && (BinaryPrimitives.ReadUInt16LittleEndian(fib.AsSpan(0x0A)) & EncryptedFlags) != 0;
    }

    /// <summary>MS-XLS: a FILEPASS record (0x002F) in the workbook globals, before its EOF record, means the workbook is encrypted.</summary>
    private static bool IsEncryptedExcelBinary(CompoundFile file, CompoundFile.Entry stream)
    {
        const ushort FilePass = 0x002F;
        const ushort EndOfFile = 0x000A;
        byte[]? records = file.TryReadStreamPrefix(stream, 64 * 1024);
        if (records is null)
        {
            return false;
        }

        for (int pos = 0; pos + 4 <= records.Length;)
        {
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(records.AsSpan(pos));
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(records.AsSpan(pos + 2));
            if (type == FilePass)
            {
                return true;
            }

            if (type == EndOfFile)
            {
                return false;
            }

            pos += 4 + length;
        }

        return false;
    }
}
