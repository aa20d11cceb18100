namespace CoSell.Integration.Tests.Engine;

/// <summary>The Azurite connection string the test command exports, and unique names per test.</summary>
internal static class TestStorage
{
    public const string Variable = "COSELL_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {Variable} to an Azurite connection string (./test.sh does this).");

    /// <summary>A task hub name no other test uses: letters and digits only, as the Azure Storage provider requires.</summary>
    public static string UniqueTaskHub(string prefix = "Test") => prefix + Guid.NewGuid().ToString("N")[..16];
}
