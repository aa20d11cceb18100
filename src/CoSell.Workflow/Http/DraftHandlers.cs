using System.Text.Json;
using CoSell.Domain;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>The partner's draft: fields, documents and sales contacts (routes SaveDraft … ImportContacts).</summary>
public sealed class DraftHandlers
{
    private const string OfferIdRule = "Use 3 to 50 lower-case letters, digits and '-'.";

    private readonly RouteAuthorizer _authorizer;
    private readonly IOfferStore _offers;
    private readonly ICollateralStore _collateral;
    private readonly IHistoryStore _history;
    private readonly OfferUpdater _updater;
    private readonly TimeProvider _time;
    private readonly HttpApiOptions _options;

    public DraftHandlers(
        RouteAuthorizer authorizer,
        IOfferStore offers,
        ICollateralStore collateral,
        IHistoryStore history,
        TimeProvider time,
        IOptions<HttpApiOptions> options)
    {
        _authorizer = authorizer;
        _offers = offers;
        _collateral = collateral;
        _history = history;
        _time = time;
        _options = options.Value;
        _updater = new OfferUpdater(offers, time);
    }

    /// <summary>PUT: without If-Match creates the draft (201, 409 if it exists); with If-Match replaces its fields (412 on mismatch).</summary>
    public async Task<IResult> SaveDraftAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.SaveDraft, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.IsValidId(offerId))
        {
            return InvalidOfferId();
        }

        BodyResult<DraftRequest> body = await RequestBody.ReadJsonAsync<DraftRequest>(request, _options.MaxJsonBytes, "body", cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        DraftRequest draft = body.Value!;
        (Offer? offer, List<(string Field, string Message)> errors) = draft.ToOffer(partnerId, offerId);
        if (offer is null)
        {
            return HttpProblems.Validation(errors);
        }

        string? ifMatch = EntityTags.IfMatch(request);
        if (ifMatch is null)
        {
            var record = new OfferRecord(offer, new CoSellMaterials([], draft.LandingPageUrl, draft.SocialOrEvidenceUrl, []), 1, _time.GetUtcNow(), null, null);
            OfferRecord created;
            try
            {
                created = await _offers.CreateAsync(record, cancellationToken);
            }
            catch (AlreadyExistsException)
            {
                return HttpProblems.Conflict("The offer already has a draft; send If-Match with its ETag to change it.");
            }

            await RecordDraftSavedAsync(created, "Draft created.", cancellationToken);
            return HeaderResult.With(
                Results.Json(DraftResponse.From(created), ApiJson.Options, statusCode: StatusCodes.Status201Created),
                (HeaderNames.ETag, EntityTags.ToHeader(created.ETag)),
                (HeaderNames.Location, HttpUrls.Offer(request, partnerId, offerId)));
        }

        UpdateOutcome outcome = await _updater.UpdateAsync(partnerId, offerId, ifMatch, current =>
        {
            OfferRecord next = current with
            {
                Offer = offer,
                Materials = current.Materials with { LandingPageUrl = draft.LandingPageUrl, SocialOrEvidenceUrl = draft.SocialOrEvidenceUrl },
            };
            return SameDraftFields(current, next) ? null : next;
        }, cancellationToken);
        return await AnswerAsync(outcome, "Draft fields saved.", cancellationToken);
    }

    public async Task<IResult> GetDraftAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetDraft, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        OfferRecord? record = await _offers.FindAsync(partnerId, offerId, cancellationToken);
        return record is null ? RouteAuthorizer.OfferNotFound() : Draft(record, StatusCodes.Status200OK);
    }

    /// <summary>PUT raw bytes: stores the document (same type + file name replaces; the one-pager slot holds one file).</summary>
    public async Task<IResult> UploadDocumentAsync(HttpRequest request, string partnerId, string offerId, string documentType, string fileName, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.UploadDocument, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (DocumentRouteProblem(offerId, documentType, fileName, out DocumentType type) is { } invalid)
        {
            return invalid;
        }

        string? ifMatch = EntityTags.IfMatch(request);
        OfferRecord? before = await _offers.GetAsync(partnerId, offerId, cancellationToken);
        if (before is null)
        {
            return RouteAuthorizer.OfferNotFound();
        }

        if (ifMatch is not null && !EntityTags.Matches(ifMatch, before.ETag))
        {
            return PreconditionFailed();
        }

        BodyResult<byte[]> bytes = await RequestBody.ReadBytesAsync(request, _options.MaxDocumentBytes, "document", cancellationToken);
        if (!bytes.IsValid)
        {
            return bytes.Problem!;
        }

        if (bytes.Value!.Length == 0)
        {
            return HttpProblems.Validation("document", "The document is empty; send the file's bytes as the body.");
        }

        CollateralDocument stored;
        try
        {
            using var content = new MemoryStream(bytes.Value, writable: false);
            stored = await _collateral.UploadAsync(partnerId, offerId, type, fileName, content, cancellationToken);
        }
        catch (CollateralTooLargeException ex)
        {
            // The store's own limit is lower than ours; nothing was stored.
            return HttpProblems.TooLarge("document", ex.MaxBytes > 0 ? ex.MaxBytes : _options.MaxDocumentBytes);
        }

        UpdateOutcome outcome = await _updater.UpdateAsync(partnerId, offerId, ifMatch, current =>
        {
            var documents = current.Materials.Documents
                .Where(d => d.Type != type || (type != DocumentType.OnePager && !string.Equals(d.FileName, fileName, StringComparison.OrdinalIgnoreCase)))
                .Append(stored)
                .ToList();
            return current with { Materials = current.Materials with { Documents = documents } };
        }, cancellationToken);
        return await AnswerAsync(outcome, $"Document {InputRules.ToSlug(type)}/{fileName} uploaded ({stored.SizeBytes} bytes).", cancellationToken);
    }

    public async Task<IResult> DeleteDocumentAsync(HttpRequest request, string partnerId, string offerId, string documentType, string fileName, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.DeleteDocument, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (DocumentRouteProblem(offerId, documentType, fileName, out DocumentType type) is { } invalid)
        {
            return invalid;
        }

        bool found = false;
        UpdateOutcome outcome = await _updater.UpdateAsync(partnerId, offerId, EntityTags.IfMatch(request), current =>
        {
            var documents = current.Materials.Documents
                .Where(d => d.Type != type || !string.Equals(d.FileName, fileName, StringComparison.OrdinalIgnoreCase))
                .ToList();
            found = documents.Count != current.Materials.Documents.Count;
            return found ? current with { Materials = current.Materials with { Documents = documents } } : null;
        }, cancellationToken);
        if (outcome.Status == UpdateStatus.Unchanged && !found)
        {
            return HttpProblems.NotFound($"The draft has no {InputRules.ToSlug(type)} named '{fileName}'.");
        }

        return await AnswerAsync(outcome, $"Document {InputRules.ToSlug(type)}/{fileName} removed.", cancellationToken);
    }

    /// <summary>PUT application/json (array of contacts) or text/csv (Partner Center columns): replaces the contact list.</summary>
    public async Task<IResult> ImportContactsAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.ImportContacts, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.IsValidId(offerId))
        {
            return InvalidOfferId();
        }

        bool isCsv = IsCsv(request);
        if (!isCsv && !request.HasJsonContentType())
        {
            return HttpProblems.UnsupportedMediaType("application/json (an array of contacts) or text/csv");
        }

        BodyResult<byte[]> bytes = await RequestBody.ReadBytesAsync(request, _options.MaxContactsBytes, "contacts", cancellationToken);
        if (!bytes.IsValid)
        {
            return bytes.Problem!;
        }

        BodyResult<IReadOnlyList<SalesContact>> contacts = isCsv ? ParseCsvContacts(bytes.Value!) : ParseJsonContacts(bytes.Value!);
        if (!contacts.IsValid)
        {
            return contacts.Problem!;
        }

        IReadOnlyList<SalesContact> list = contacts.Value!;
        UpdateOutcome outcome = await _updater.UpdateAsync(partnerId, offerId, EntityTags.IfMatch(request), current =>
            Json(current.Materials.Contacts) == Json(list) ? null : current with { Materials = current.Materials with { Contacts = list } },
            cancellationToken);
        return await AnswerAsync(outcome, $"Sales contacts imported ({list.Count}).", cancellationToken);
    }

    internal static bool IsCsv(HttpRequest request)
    {
        string? mediaType = request.ContentType is { } ct && MediaTypeHeaderValue.TryParse(ct, out MediaTypeHeaderValue? parsed) ? parsed.MediaType.Value : null;
        return string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase) || string.Equals(mediaType, "application/csv", StringComparison.OrdinalIgnoreCase);
    }

    private BodyResult<IReadOnlyList<SalesContact>> ParseCsvContacts(byte[] bytes)
    {
        ContactsParseResult parsed = ContactsCsvParser.Parse(bytes, _options.MaxContacts);
        return parsed.Errors.Count > 0
            ? BodyResult.Fail<IReadOnlyList<SalesContact>>(HttpProblems.Validation(
                parsed.Errors.Select(e => (e.Field, e.Message)),
                $"The CSV has {parsed.Errors.Count} problem(s); nothing was imported."))
            : new BodyResult<IReadOnlyList<SalesContact>>(parsed.Contacts, null);
    }

    private BodyResult<IReadOnlyList<SalesContact>> ParseJsonContacts(byte[] bytes)
    {
        BodyResult<List<ContactInput>> body = RequestBody.ParseJson<List<ContactInput>>(bytes, "contacts");
        if (!body.IsValid)
        {
            return BodyResult.Fail<IReadOnlyList<SalesContact>>(body.Problem!);
        }

        List<ContactInput> inputs = body.Value!;
        if (inputs.Count > _options.MaxContacts)
        {
            return BodyResult.Fail<IReadOnlyList<SalesContact>>(HttpProblems.Validation("contacts", $"At most {_options.MaxContacts} contacts may be imported."));
        }

        var errors = new List<(string Field, string Message)>();
        var contacts = new List<SalesContact>();
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                errors.Add(($"contacts[{i}]", "A contact object is required."));
                continue;
            }

            (SalesContact? contact, IReadOnlyList<(string Field, string Message)> problems) = ContactRules.Validate(inputs[i]);
            errors.AddRange(problems.Select(p => ($"contacts[{i}].{p.Field}", p.Message)));
            if (contact is not null)
            {
                contacts.Add(contact);
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ContactRules.ValidateList(contacts).Select(e => (e.Field.Length == 0 ? $"contacts[{e.Index}]" : $"contacts[{e.Index}].{e.Field}", e.Message)));
        }

        return errors.Count > 0
            ? BodyResult.Fail<IReadOnlyList<SalesContact>>(HttpProblems.Validation(errors, $"{errors.Count} problem(s) in the contacts; nothing was imported."))
            : new BodyResult<IReadOnlyList<SalesContact>>(contacts, null);
    }

    private static IResult? DocumentRouteProblem(string offerId, string documentType, string fileName, out DocumentType type)
    {
        var errors = new List<(string Field, string Message)>();
        if (!InputRules.IsValidId(offerId))
        {
            errors.Add(("offerId", OfferIdRule));
        }

        if (!InputRules.TryParseSlug(documentType, out type))
        {
            errors.Add(("documentType", $"'{documentType}' is not a document type; use one of {InputRules.DocumentSlugs}."));
        }

        if (InputRules.FileNameProblem(fileName) is { } fileProblem)
        {
            errors.Add(("fileName", fileProblem));
        }

        return errors.Count > 0 ? HttpProblems.Validation(errors) : null;
    }

    private async Task<IResult> AnswerAsync(UpdateOutcome outcome, string summary, CancellationToken cancellationToken)
    {
        switch (outcome.Status)
        {
            case UpdateStatus.NotFound:
                return RouteAuthorizer.OfferNotFound();
            case UpdateStatus.PreconditionFailed:
                return PreconditionFailed();
            case UpdateStatus.Updated:
                await RecordDraftSavedAsync(outcome.Record!, summary, cancellationToken);
                return Draft(outcome.Record!, StatusCodes.Status200OK);
            default:
                return Draft(outcome.Record!, StatusCodes.Status200OK);
        }
    }

    private Task RecordDraftSavedAsync(OfferRecord record, string summary, CancellationToken cancellationToken)
        => _history.AppendAsync(
            new HistoryEntry(record.PartnerId, record.OfferId, $"draft-{record.DraftVersion:D6}", record.UpdatedAt, HistoryKind.DraftSaved, record.PartnerId, $"Version {record.DraftVersion}: {summary}"),
            cancellationToken);

    private static IResult Draft(OfferRecord record, int status)
        => HeaderResult.With(Results.Json(DraftResponse.From(record), ApiJson.Options, statusCode: status), (HeaderNames.ETag, EntityTags.ToHeader(record.ETag)));

    private static IResult PreconditionFailed()
        => HttpProblems.PreconditionFailed("The draft changed since the ETag in If-Match; GET it again and re-apply your change.");

    private static IResult InvalidOfferId()
        => HttpProblems.Validation("offerId", OfferIdRule);

    private static bool SameDraftFields(OfferRecord a, OfferRecord b)
        => Json(a.Offer) == Json(b.Offer)
            && a.Materials.LandingPageUrl == b.Materials.LandingPageUrl
            && a.Materials.SocialOrEvidenceUrl == b.Materials.SocialOrEvidenceUrl;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
