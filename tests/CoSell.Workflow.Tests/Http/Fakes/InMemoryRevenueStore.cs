using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

internal sealed class InMemoryRevenueStore : IRevenueStore
{
    private readonly List<OrganisationProfile> _rows = [];

    public IReadOnlyList<OrganisationProfile> Rows
    {
        get
        {
            lock (_rows)
            {
                return _rows.ToList();
            }
        }
    }

    public Task<OrganisationProfile?> GetLatestAsync(string organisationId, CancellationToken cancellationToken = default)
        => Task.FromResult(Rows.Where(r => r.OrganisationId == organisationId).OrderByDescending(r => r.Month, StringComparer.Ordinal).FirstOrDefault());

    public Task<OrganisationProfile?> GetAsync(string month, string organisationId, CancellationToken cancellationToken = default)
        => Task.FromResult(Rows.FirstOrDefault(r => r.Month == month && r.OrganisationId == organisationId));

    public Task<IReadOnlyList<string>> ListOrganisationIdsAsync(string month, string? after, int limit, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<string>>([.. Rows
            .Where(r => r.Month == month && (after is null || string.CompareOrdinal(r.OrganisationId, after) > 0))
            .Select(r => r.OrganisationId)
            .Order(StringComparer.Ordinal)
            .Take(limit)]);

    public Task<IReadOnlyList<OrganisationProfile>> ListAsync(string month, OrganisationRange organisations, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<OrganisationProfile>>([.. Rows
            .Where(r => r.Month == month && organisations.Contains(r.OrganisationId))
            .OrderBy(r => r.OrganisationId, StringComparer.Ordinal)]);

    public Task ImportAsync(string month, IReadOnlyList<OrganisationProfile> rows, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            _rows.RemoveAll(r => r.Month == month && rows.Any(n => n.OrganisationId == r.OrganisationId));
            _rows.AddRange(rows);
        }

        return Task.CompletedTask;
    }
}
