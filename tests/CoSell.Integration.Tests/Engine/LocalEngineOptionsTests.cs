using CoSell.LocalHost.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Engine;

public sealed class LocalEngineOptionsTests
{
    [Fact]
    public void ReadOptions_NothingConfigured_UsesLocalDefaults()
    {
        LocalEngineOptions options = LocalDurableEngineExtensions.ReadOptions(Configuration([]));

        Assert.Equal("CoSellLocal", options.TaskHubName);
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal(1, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxQueuePollingInterval);
        Assert.Equal(0, options.GrpcPort);
    }

    [Fact]
    public void ReadOptions_SharedSettings_AreReadFromTheirTopLevelKeys()
    {
        LocalEngineOptions options = LocalDurableEngineExtensions.ReadOptions(Configuration(new()
        {
            ["TaskHubName"] = "Laptop42",
            ["CoSellStorage:ConnectionString"] = "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1",
            ["LocalEngine:PartitionCount"] = "2",
            ["LocalEngine:MaxQueuePollingInterval"] = "00:00:05",
        }));

        Assert.Equal("Laptop42", options.TaskHubName);
        Assert.StartsWith("UseDevelopmentStorage=true;", options.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(2, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxQueuePollingInterval);
    }

    [Theory]
    [InlineData("cosell-local")]
    [InlineData("1hub")]
    [InlineData("ab")]
    [InlineData("hub_name")]
    public void ReadOptions_TaskHubNameTheProviderCannotUse_IsRefusedWithTheRule(string name)
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => LocalDurableEngineExtensions.ReadOptions(Configuration(new() { ["TaskHubName"] = name })));

        Assert.Contains("letters or digits", error.Message, StringComparison.Ordinal);
    }

    static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
