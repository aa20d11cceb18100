using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Domain;

namespace CoSell.Integration.Tests.Tables;

public sealed class TableColumnsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(TableColumns.MaxCharsPerColumn)]
    [InlineData(TableColumns.MaxCharsPerColumn + 1)]
    [InlineData((3 * TableColumns.MaxCharsPerColumn) - 1)]
    [InlineData(3 * TableColumns.MaxCharsPerColumn)]
    public void LongString_AnyLength_RoundTripsWithEveryPartUnderTheLimit(int length)
    {
        string value = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var entity = new TableEntity("pk", "rk");

        TableColumns.SetLongString(entity, "Body", value);

        Assert.Equal(value, TableColumns.GetLongString(entity, "Body"));
        Assert.All(entity.Select(p => p.Value).OfType<string>(), s => Assert.True(s.Length <= TableColumns.MaxCharsPerColumn));
        Assert.Equal(length > TableColumns.MaxCharsPerColumn, entity.ContainsKey("Body_Parts"));
    }

    [Fact]
    public void LongString_Null_WritesNothing()
    {
        var entity = new TableEntity("pk", "rk");

        TableColumns.SetLongString(entity, "Body", null);

        Assert.Null(TableColumns.GetLongString(entity, "Body"));
        Assert.DoesNotContain(entity, p => p.Key.StartsWith("Body", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("")]
    public void Key_IllegalCharacters_Throws(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableColumns.Key(key, "id"));
    }

    [Fact]
    public void TableJson_Evaluation_StoresEnumsByNameAndOmitsDerivedLists()
    {
        var evaluation = new Evaluation(
            CoSellStatus.CoSellReady,
            [IncentiveTrack.AzureIp],
            [new RequirementResult("3.contacts", 3, "Sales contacts", false, "No contact for DE.")],
            []);

        string json = TableJson.Serialize(evaluation);
        Evaluation back = TableJson.Deserialize<Evaluation>(json);

        Assert.Contains("\"status\":\"CoSellReady\"", json, StringComparison.Ordinal);
        Assert.Contains("\"AzureIp\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("failures", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("No contact for DE.", Assert.Single(back.Failures).Reason);
    }
}
