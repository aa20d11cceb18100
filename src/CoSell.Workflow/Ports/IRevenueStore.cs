using CoSell.Domain;

namespace CoSell.Workflow.Ports;

/// <summary>Table <c>OrgRevenue</c> (PK month "YYYY-MM", RK organisation).</summary>
public interface IRevenueStore
{
    /// <summary>The organisation's most recent month, or null when no row exists.</summary>
    Task<OrganisationProfile?> GetLatestAsync(string organisationId, CancellationToken cancellationToken = default);

    /// <summary>The organisation's row for one month, or null.</summary>
    Task<OrganisationProfile?> GetAsync(string month, string organisationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the organisations with a row for <paramref name="month"/> after <paramref name="after"/> (all when null),
    /// in ordinal order, at most <paramref name="limit"/>; fewer means there are no more.
    /// </summary>
    Task<IReadOnlyList<string>> ListOrganisationIdsAsync(string month, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The month's rows of the organisations in <paramref name="organisations"/>: what a re-evaluation batch reads once
    /// for all its offers instead of one point read per organisation.
    /// </summary>
    Task<IReadOnlyList<OrganisationProfile>> ListAsync(string month, OrganisationRange organisations, CancellationToken cancellationToken = default);

    /// <summary>Stores every row of a month (upsert per organisation); rows must already be validated.</summary>
    Task ImportAsync(string month, IReadOnlyList<OrganisationProfile> rows, CancellationToken cancellationToken = default);
}
