using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>Revenue rows per (month, organisation); "latest" is the greatest month.</summary>
public sealed class InMemoryRevenueStore : IRevenueStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Month, string Org), OrganisationProfile> rows = [];

    public Task<OrganisationProfile?> GetLatestAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Where(r => r.Key.Org == organisationId).OrderByDescending(r => r.Key.Month, StringComparer.Ordinal).Select(r => r.Value).FirstOrDefault());
        }
    }

    /// <summary>Runs before each <see cref="GetAsync"/> (and per row <see cref="ListAsync"/> returns) with the organisation id, outside the lock: lets a test hold, count or fail reads.</summary>
    public Func<string, Task>? BeforeGet { get; set; }

    public async Task<OrganisationProfile?> GetAsync(string month, string organisationId, CancellationToken cancellationToken = default)
    {
        if (BeforeGet is { } hook)
        {
            await hook(organisationId);
        }

        lock (gate)
        {
            return rows.GetValueOrDefault((month, organisationId));
        }
    }

    public Task<IReadOnlyList<string>> ListOrganisationIdsAsync(string month, string? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. rows.Keys
                .Where(k => k.Month == month && (after is null || string.CompareOrdinal(k.Org, after) > 0))
                .Select(k => k.Org)
                .Order(StringComparer.Ordinal)
                .Take(limit)]);
        }
    }

    /// <summary>Runs <see cref="BeforeGet"/> for each organisation it returns, as if each row were read on its own.</summary>
    public async Task<IReadOnlyList<OrganisationProfile>> ListAsync(string month, OrganisationRange organisations, CancellationToken cancellationToken = default)
    {
        List<OrganisationProfile> found;
        lock (gate)
        {
            found = [.. rows
                .Where(r => r.Key.Month == month && organisations.Contains(r.Key.Org))
                .OrderBy(r => r.Key.Org, StringComparer.Ordinal)
                .Select(r => r.Value)];
        }

        if (BeforeGet is { } hook)
        {
            foreach (OrganisationProfile row in found)
            {
                await hook(row.OrganisationId);
            }
        }

        return found;
    }

    public Task ImportAsync(string month, IReadOnlyList<OrganisationProfile> rows, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (OrganisationProfile row in rows)
            {
                this.rows[(month, row.OrganisationId)] = row with { Month = month };
            }
        }

        return Task.CompletedTask;
    }
}
