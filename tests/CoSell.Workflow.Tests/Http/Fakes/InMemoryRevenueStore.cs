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

    public Task<IReadOnlyList<OrganisationProfile>> ListAsync(
        string month, string firstOrganisationId, string lastOrganisationId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<OrganisationProfile>>([.. Rows
            .Where(r => r.Month == month && string.CompareOrdinal(r.OrganisationId, firstOrganisationId) >= 0 && string.CompareOrdinal(r.OrganisationId, lastOrganisationId) <= 0)
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
