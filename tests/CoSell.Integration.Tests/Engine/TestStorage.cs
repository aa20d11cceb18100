namespace CoSell.Integration.Tests.Engine;

/// <summary>
/// The Azurite connection string the test command exports (or, without it, the private Azurite this test process
/// starts, see <see cref="Infrastructure.AzuriteServer"/>), and unique names per test.
/// </summary>
internal static class TestStorage
{
    public const string Variable = Infrastructure.AzuriteServer.EnvironmentVariable;

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : Task.Run(Infrastructure.AzuriteServer.GetConnectionStringAsync).GetAwaiter().GetResult();

    /// <summary>A task hub name no other test uses: letters and digits only, as the Azure Storage provider requires.</summary>
    public static string UniqueTaskHub(string prefix = "Test") => prefix + Guid.NewGuid().ToString("N")[..16];
}
