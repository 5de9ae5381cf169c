using Hotline400.Accounts;
using Hotline400.Billing;
using Hotline400.Catalog;
using Hotline400.Calls;
using Hotline400.Common;
using Hotline400.Numbers;
using Hotline400.Rating;

namespace Hotline400.Audit;

/// <summary>
/// Reconciles a provider's statement with the contract, line by line. The expected figures come
/// from the product's own machinery, never a copy of it: each call's charge from the
/// <see cref="Rater"/> (through <see cref="RatingPipeline"/>), each fee, promotion and the monthly
/// minimum top-up from <see cref="StatementBuilder"/> over those rated calls. Every difference is an
/// <see cref="AuditFinding"/> with its cause; the rules are in docs/audit.md.
/// </summary>
public static class BillAuditor
{
    /// <summary>Line types that record a payment, not a charge: they are not audited.</summary>
    public static readonly string[] PaymentTypes = ["prepayment_drawn"];

    /// <summary>Rates call files with the real pipeline; null (with messages in <paramref name="errors"/>) when a file is unusable.</summary>
    public static (List<RatedCall> Rated, List<CallReject> Rejected, RunCounts Counts)? RateCalls(
        IReadOnlyList<string> files, TariffCatalog catalog, AccountBook accounts, ColumnMap map, List<LocalizedText> errors)
    {
        var sink = new Collector();
        var pipeline = new RatingPipeline(() => new Rater(catalog, accounts), map);
        var counts = pipeline.Run(files, () => sink = new Collector(), errors);
        return errors.Count > 0 ? null : (sink.RatedCalls, sink.Rejects, counts);
    }

    private sealed class Collector : IRatingSink
    {
        public List<RatedCall> RatedCalls { get; } = [];
        public List<CallReject> Rejects { get; } = [];

        public void Rated(RatedCall call) => RatedCalls.Add(call);

        public void Rejected(CallReject reject) => Rejects.Add(reject);

        public void Duplicate(CallRecord duplicate)
        {
        }
    }

    /// <summary>Audits a statement against rated calls (all of the periods it bills).</summary>
    public static AuditResult Audit(
        ProviderStatement statement,
        IReadOnlyList<RatedCall> rated,
        TariffCatalog catalog,
        AccountBook accounts,
        IReadOnlyList<CallReject>? callRejects = null)
    {
        var findings = new List<AuditFinding>();
        var byId = new Dictionary<string, RatedCall>(StringComparer.Ordinal);
        foreach (var r in rated)
        {
            byId.TryAdd(r.Call.CallId, r);
        }
        var statements = statement.Charges.Select(c => (c.Number, c.Period)).Distinct()
            .OrderBy(s => s.Number.Value).ThenBy(s => s.Period).ToList();
        var audited = statements.ToHashSet();

        // The calls of the audited numbers and months, in rating order; on per_line plans each call's
        // share of the rounded lines it is on (what our own statement lists for it).
        var unreadable = statement.Rejects.Where(r => r.CallId is not null).Select(r => r.CallId!).ToHashSet(StringComparer.Ordinal);
        var calls = rated.Where(c => audited.Contains(CallStatement(c))).ToList();
        calls.Sort((a, b) => CallRecord.CompareForRating(a.Call, b.Call));
        var (shares, usageLines) = PerLineUsage(calls);
        var (assumedFull, unsure) = StateBeforeTheFiles(rated, calls);
        var expected = Money.Money.Zero;
        foreach (var call in calls)
        {
            if (!unreadable.Contains(call.Call.CallId))
            {
                expected += ExpectedOnLine(call, shares);
            }
        }

        // 1. Call lines, one by one, in the order of the statement.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matched = new Dictionary<string, (Money.Money Amount, int Line)>(StringComparer.Ordinal); // per_line calls billed within a fen
        var reported = new HashSet<string>(StringComparer.Ordinal); // per_line calls with a finding of their own
        var billed = Money.Money.Zero;
        var callLines = 0;
        foreach (var line in statement.Charges.Where(c => c.IsCall))
        {
            callLines++;
            billed += line.Amount;
            var id = line.CallId!;
            if (byId.TryGetValue(id, out var known) && CallStatement(known) is var (callNumber, callPeriod) && (callNumber != line.Number || callPeriod != line.Period))
            {
                // A call of another number or month: it belongs on another statement, whatever it cost.
                // It is not billed here, so a statement it belongs to that is audited too still misses it.
                findings.Add(callNumber != line.Number
                    ? Finding(AuditCause.CallOfAnotherNumber, line, Money.Money.Zero,
                        new($"通话 {id} 是 {callNumber.ToDisplayString()} 的通话，不属于 {line.Number.ToDisplayString()}",
                            $"call {id} was made to {callNumber.ToDisplayString()}, not to {line.Number.ToDisplayString()}"))
                    : Finding(AuditCause.CallOutsidePeriod, line, Money.Money.Zero,
                        new($"通话 {id} 开始于 {Timestamp.FormatChina(known.Call.StartedMs)}，属于 {callPeriod} 账期，不在本账期 {line.Period} 内",
                            $"call {id} started at {Timestamp.FormatChina(known.Call.StartedMs)}, in {callPeriod}, outside this statement's {line.Period}")));
                continue;
            }
            if (!seen.Add(id))
            {
                findings.Add(Finding(AuditCause.ChargedTwice, line, Money.Money.Zero,
                    new($"通话 {id} 已在本账单中计费，再次收取 {line.Amount} 元", $"call {id} is already billed on this statement; charged again {line.Amount}")));
                continue;
            }
            if (!byId.TryGetValue(id, out var call))
            {
                findings.Add(Finding(AuditCause.NotInRecords, line, Money.Money.Zero,
                    new($"话单中没有通话 {id}（或该行未能计费）", $"call {id} is not in the call records (or its row could not be rated)")));
                continue;
            }
            var exp = ExpectedOnLine(call, shares);
            if (IsPerLine(call))
            {
                // Rounded once per line: a call is right within a fen of its exact charge (or at its
                // share of the line); whether the lines add up to the rounded line is checked below.
                if (Math.Abs((line.Amount - call.Charge).Yuan) < 0.01m || line.Amount.RoundToFen() == exp)
                {
                    matched[id] = (line.Amount, line.Line);
                    continue;
                }
                reported.Add(id);
            }
            else if (exp == line.Amount.RoundToFen())
            {
                continue;
            }
            findings.Add(Unverified(CompareCall(line, call, exp), unsure.GetValueOrDefault(id)));
        }

        // 2. Charged calls of the audited numbers and months that no line bills. A call whose statement
        // row could not be read (but its call id could) is on the statement: the reject reports it.
        foreach (var call in calls)
        {
            var key = CallStatement(call);
            var exp = ExpectedOnLine(call, shares);
            if (seen.Contains(call.Call.CallId) || unreadable.Contains(call.Call.CallId) || exp == Money.Money.Zero)
            {
                continue;
            }
            if (IsPerLine(call))
            {
                reported.Add(call.Call.CallId);
            }
            var share = IsPerLine(call) ? new LocalizedText($"，精确 {call.Charge} 元，按行取整分摊 {exp} 元", $", {call.Charge} exactly, {exp} as its share of the rounded line") : new LocalizedText("", "");
            findings.Add(Unverified(new AuditFinding(AuditCause.NotBilled, key.Number, key.Period, call.Call.CallId, ProviderCharge.CallType, 0, exp, Money.Money.Zero,
                new($"话单中的通话 {call.Call.CallId}（{Minutes(call.BilledSeconds)} 分钟，{exp} 元{share.Zh}）未出现在账单上",
                    $"call {call.Call.CallId} in the records ({Minutes(call.BilledSeconds)} min, {exp}{share.En}) is not on the statement")), unsure.GetValueOrDefault(call.Call.CallId)));
        }

        // 2b. Per-line rounding: the lines of the calls billed within a fen must add up to the rounded
        // usage line they make, less the shares of the calls reported above or unreadable.
        foreach (var u in usageLines)
        {
            var due = u.Total;
            var apart = 0;
            foreach (var c in u.Calls)
            {
                if (reported.Contains(c.Call.CallId) || unreadable.Contains(c.Call.CallId))
                {
                    due -= shares[c.Call.CallId];
                    apart++;
                }
            }
            var lines = u.Calls.Where(c => matched.ContainsKey(c.Call.CallId)).Select(c => matched[c.Call.CallId]).ToList();
            var sum = lines.Aggregate(Money.Money.Zero, (t, l) => t + l.Amount);
            if (sum.RoundToFen() == due)
            {
                continue;
            }
            var without = apart == 0 ? new LocalizedText("", "") : new LocalizedText($"，除去另行列出的 {apart} 通后应为 {due} 元", $"; {due} without the {apart} call(s) reported on their own");
            findings.Add(Unverified(new AuditFinding(AuditCause.LineTotalDiffers, u.Number, u.Period, null, ProviderCharge.CallType, lines.Count > 0 ? lines.Min(l => l.Line) : 0, due, sum.RoundToFen(),
                new($"按行取整（{u.Name.Zh}）：{u.Calls.Count} 通通话精确合计 {u.Exact} 元，整行取整为 {u.Total} 元{without.Zh}；账单上这些通话行合计 {sum} 元",
                    $"rounded per line ({u.Name.En}): {u.Calls.Count} calls come to {u.Exact} exactly, {u.Total} for the line once rounded{without.En}; the statement's lines for them add up to {sum}")),
                u.Calls.Select(c => unsure.GetValueOrDefault(c.Call.CallId)).FirstOrDefault(x => x is not null)));
        }

        // 3. Fees, promotions and the minimum, per number and month, against the statement builder.
        var feeLines = 0;
        foreach (var (number, period) in statements)
        {
            var account = accounts.Find(number)!;
            var built = StatementBuilder.Build(account, period, catalog, rated, null, new StatementOptions { CallDetails = false });
            var want = new Dictionary<string, (Money.Money Amount, string Term)>(StringComparer.Ordinal);
            foreach (var l in built.Lines)
            {
                if (FeeKey(l) is { } k)
                {
                    want[k] = want.TryGetValue(k, out var w) ? (w.Amount + l.Amount, w.Term) : (l.Amount, l.Trace.ToString());
                }
            }
            var got = new Dictionary<string, (Money.Money Amount, int Line, List<string> Words)>(StringComparer.Ordinal);
            foreach (var c in statement.Charges.Where(c => !c.IsCall && c.Number == number && c.Period == period))
            {
                if (PaymentTypes.Contains(c.LineType))
                {
                    continue;
                }
                feeLines++;
                billed += c.Amount;
                got[c.LineType] = got.TryGetValue(c.LineType, out var g) ? (g.Amount + c.Amount, g.Line, g.Words) : (c.Amount, c.Line, []);
                // The provider's own words for the fee: its line type when it is not our word for it (月租, 号码维护费 written as other…), and its description.
                foreach (var word in new[] { string.Equals(c.LineTypeText, c.LineType, StringComparison.OrdinalIgnoreCase) ? "" : c.LineTypeText, c.Description })
                {
                    if (word.Length > 0 && !got[c.LineType].Words.Contains(word))
                    {
                        got[c.LineType].Words.Add(word);
                    }
                }
            }
            foreach (var w in want.Values)
            {
                expected += w.Amount;
            }
            // The month's calls priced from usage before the files: the consumption the minimum (and a
            // promotion of usage) is computed from rests on them.
            var monthUnsure = calls.Where(c => CallStatement(c) == (number, period) && unsure.ContainsKey(c.Call.CallId)).Select(c => unsure[c.Call.CallId]).ToList();
            foreach (var key in want.Keys.Union(got.Keys).Order(StringComparer.Ordinal))
            {
                var hasWant = want.TryGetValue(key, out var w);
                var hasGot = got.TryGetValue(key, out var g);
                var e = hasWant ? w.Amount : Money.Money.Zero;
                var b = hasGot ? g.Amount.RoundToFen() : Money.Money.Zero; // a fee bills whole fen, however many decimals it was written with
                if (e == b)
                {
                    continue;
                }
                var wording = hasGot && g.Words.Count > 0 ? string.Join("; ", g.Words) : null;
                var item = wording is null ? new LocalizedText(key + " ", key) : new LocalizedText($"{key}（{wording}）", $"{key} ({wording})");
                LocalizedText detail;
                AuditCause cause;
                if (key == "minimum")
                {
                    cause = AuditCause.MinimumMisapplied;
                    var rule = built.Lines.FirstOrDefault(l => l.Kind == LineKind.MinimumTopUp);
                    detail = rule is null
                        ? new($"本月消费已达最低消费，不应补足；账单补足 {b} 元", $"the month's consumption reaches the minimum: no top-up is due; billed {b}")
                        : new($"应补足 {e} 元（{rule.Description.Zh}）；账单 {b} 元", $"top-up due {e} ({rule.Description.En}); billed {b}");
                }
                else if (!hasWant)
                {
                    cause = AuditCause.FeeNotInPlan;
                    detail = new($"{item.Zh}{b} 元：套餐条款及已开通业务中均无此项收费", $"{item.En} {b}: no plan term or enabled service explains this fee");
                }
                else
                {
                    cause = AuditCause.FeeDiffers;
                    detail = new($"{item.Zh.TrimEnd()} 应为 {e} 元（{w.Term}）；账单 {b} 元", $"{item.En} should be {e} ({w.Term}); billed {b}");
                }
                var finding = new AuditFinding(cause, number, period, null, key, hasGot ? g.Line : 0, e, b, detail) { Wording = wording };
                var restsOnUsage = key == "minimum"
                    || (key == "promotion" && monthUnsure.Any(u => u.Version.Promotions.Any(p => p.Of is PromotionTarget.Usage or PromotionTarget.All)));
                findings.Add(restsOnUsage && monthUnsure.Count > 0 ? UnverifiedMonth(finding, monthUnsure) : finding);
            }
        }

        findings.Sort((a, b) =>
        {
            var c = a.Number.Value.CompareTo(b.Number.Value);
            c = c != 0 ? c : a.Period.CompareTo(b.Period);
            c = c != 0 ? c : a.Cause.CompareTo(b.Cause);
            c = c != 0 ? c : a.Line.CompareTo(b.Line);
            return c != 0 ? c : string.CompareOrdinal(a.CallId, b.CallId);
        });
        // A statement none of whose calls is in the records was most likely audited against the wrong call files.
        var warnings = statement.Charges.Where(c => c.IsCall).GroupBy(c => (c.Number, c.Period))
            .Where(g => g.All(c => !byId.ContainsKey(c.CallId!)))
            .Select(g => new LocalizedText(
                $"{g.Key.Number.ToDisplayString()} {g.Key.Period} 的 {g.Count()} 条通话计费行在话单中都找不到：请确认话单文件是否正确",
                $"none of the {g.Count()} call lines of {g.Key.Number.ToDisplayString()} {g.Key.Period} is in the call records: are these the right call files?"))
            .ToList();
        // Expected prices on days without holiday data are the plain weekday's: a difference there
        // may be the calendar's, not the bill's.
        var holidaysUnknownFrom = calls.Min(c => c.HolidaysUnknownFrom);
        if (holidaysUnknownFrom is { } unknownFrom)
        {
            var note = Calendar.HolidaysUnknown.Note(unknownFrom);
            warnings.Add(new LocalizedText(note.Zh + "；这些日期上的差异可能由此而来，而非账单有误",
                note.En + "; differences on those dates may come from this rather than from the bill"));
        }
        return new AuditResult
        {
            HolidaysUnknownFrom = holidaysUnknownFrom,
            AllowanceAssumedFull = assumedFull,
            Warnings = warnings,
            Findings = findings,
            StatementRejects = statement.Rejects,
            CallRejects = callRejects ?? [],
            Statements = statements,
            CallLines = callLines,
            FeeLines = feeLines,
            CallsRated = rated.Count,
            Billed = billed,
            Expected = expected,
        };
    }

    private static bool IsPerLine(RatedCall call) => call.Version.Billing.Rounding == RoundingPoint.PerLine;

    /// <summary>
    /// An audited call priced from state the call files do not show: the note of its subscription
    /// (<see cref="AllowanceAssumedFull"/>), whether its price rests on the allowance (it covered some
    /// of the call) and on the tier volume (a tier priced some of it), and its plan version.
    /// </summary>
    private sealed record Unsure(AllowanceAssumedFull Assumed, bool Allowance, bool Tiers, PlanVersion Version)
    {
        /// <summary>The day the call files would have to start from to show that state.</summary>
        public DateOnly From => Allowance && Tiers ? Assumed.PeriodStart : Allowance ? Assumed.AllowanceFrom!.Value : Assumed.TierMonthFrom!.Value;
    }

    /// <summary>
    /// The subscriptions of the audited calls whose allowance period or tier month began before their
    /// number's first call in the files (the rule of <see cref="AllowanceAssumedFull.Check"/>, by China
    /// date, inbound calls only), by number; and the audited calls whose price rests on that state.
    /// The rater took such an allowance as unused and such a volume as zero. An allowance it saw run
    /// out within the files had run out in truth too (it cannot have had more left than all of it), so
    /// a call it charged in full rests on nothing unknown; a call it covered, wholly or partly, does.
    /// </summary>
    private static (List<AllowanceAssumedFull> Assumed, Dictionary<string, Unsure> Calls) StateBeforeTheFiles(IReadOnlyList<RatedCall> rated, List<RatedCall> audited)
    {
        var firstCall = new Dictionary<HotlineNumber, DateOnly>();
        foreach (var r in rated)
        {
            var day = ChinaTime.Date(r.Call.StartedMs);
            if (!firstCall.TryGetValue(r.Call.Number, out var first) || day < first)
            {
                firstCall[r.Call.Number] = day;
            }
        }
        var assumed = new List<AllowanceAssumedFull>();
        var unsure = new Dictionary<string, Unsure>(StringComparer.Ordinal);
        foreach (var call in audited)
        {
            if (call.Call.Direction != Direction.In)
            {
                continue; // outbound calls draw on neither allowance nor tiers
            }
            var starts = Rater.StatePeriodStarts(call.Subscription, call.Version, ChinaTime.Date(call.Call.StartedMs));
            if (AllowanceAssumedFull.Check(call.Call.Number, call.Plan, starts, firstCall[call.Call.Number]) is not { } a)
            {
                continue;
            }
            if (!assumed.Contains(a))
            {
                assumed.Add(a);
            }
            var allowance = a.AllowanceFrom is not null && call.Pieces.Any(p => p.CoveredSeconds > 0);
            var tiers = a.TierMonthFrom is not null && call.Pieces.Any(p => p.Source == RateSource.Tier);
            if (allowance || tiers)
            {
                unsure[call.Call.CallId] = new Unsure(a, allowance, tiers, call.Version);
            }
        }
        assumed.Sort((x, y) => x.Number.Value != y.Number.Value ? x.Number.Value.CompareTo(y.Number.Value) : x.PeriodStart.CompareTo(y.PeriodStart));
        return (assumed, unsure);
    }

    /// <summary>A call finding whose expected figure rests on state before the files: not verified, and its detail says why.</summary>
    private static AuditFinding Unverified(AuditFinding finding, Unsure? unsure)
    {
        if (unsure is null)
        {
            return finding;
        }
        var a = unsure.Assumed;
        var (zh, en) = (unsure.Allowance, unsure.Tiers) switch
        {
            (true, true) => (
                $"；待核实：套餐额度周期从 {a.AllowanceFrom:yyyy-MM-dd} 开始、阶梯用量从 {a.TierMonthFrom:yyyy-MM-dd} 起按月累计，均早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}），此前的用量无从得知，按余量未用、用量为零计算",
                $"; unverified: the allowance period began on {a.AllowanceFrom:yyyy-MM-dd} and the tier volume counts from {a.TierMonthFrom:yyyy-MM-dd}, both before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); what was used before is unknown, the allowance was taken as unused and the volume as zero"),
            (true, false) => (
                $"；待核实：套餐额度周期从 {a.AllowanceFrom:yyyy-MM-dd} 开始，早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}），此前的用量无从得知，按余量未用计算",
                $"; unverified: the allowance period began on {a.AllowanceFrom:yyyy-MM-dd}, before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); what was used before is unknown, the allowance was taken as unused"),
            _ => (
                $"；待核实：阶梯用量从 {a.TierMonthFrom:yyyy-MM-dd} 起按月累计，早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}），此前的用量无从得知，按零计算",
                $"; unverified: the tier volume counts from {a.TierMonthFrom:yyyy-MM-dd}, before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); the volume before is unknown and was taken as zero"),
        };
        return finding with { NeedsCallsFrom = unsure.From, Detail = new LocalizedText(finding.Detail.Zh + zh, finding.Detail.En + en) };
    }

    /// <summary>A fee finding computed from the month's consumption (minimum, promotion of usage) when calls in it rest on state before the files: not verified.</summary>
    private static AuditFinding UnverifiedMonth(AuditFinding finding, List<Unsure> calls)
    {
        var from = calls.Min(u => u.From);
        var first = calls[0].Assumed.FirstCall;
        var (zh, en) = (calls.Any(u => u.Allowance), calls.Any(u => u.Tiers)) switch
        {
            (true, true) => ("余量未用、阶梯用量为零", "the allowance as unused and the tier volume as zero"),
            (true, false) => ("余量未用", "the allowance as unused"),
            _ => ("阶梯用量为零", "the tier volume as zero"),
        };
        return finding with
        {
            NeedsCallsFrom = from,
            Detail = new LocalizedText(
                finding.Detail.Zh + $"；待核实：本月 {calls.Count} 通通话的费用取决于 {from:yyyy-MM-dd} 起的用量，早于话单中该号码的第一通通话（{first:yyyy-MM-dd}），这些通话的消费按{zh}计算",
                finding.Detail.En + $"; unverified: {calls.Count} call(s) of the month are priced from usage since {from:yyyy-MM-dd}, before the number's first call in the files ({first:yyyy-MM-dd}); their consumption takes {en}"),
        };
    }

    /// <summary>
    /// The audit's note for a subscription whose allowance or tier volume began before its number's
    /// first call in the files: what it could not know, what it assumed, and what to do about it.
    /// </summary>
    public static LocalizedText StateNote(AllowanceAssumedFull a)
    {
        var n = a.Number.ToDisplayString();
        var (zh, en) = (a.AllowanceFrom, a.TierMonthFrom) switch
        {
            ({ } f, { } t) => (
                $"{n}（{a.Plan.Name.Zh}）的套餐额度周期从 {f:yyyy-MM-dd} 开始、阶梯用量从 {t:yyyy-MM-dd} 起按月累计，均早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}）：此前的用量无从得知，稽核按余量未用、用量为零计算",
                $"{n} ({a.Plan.Name.En}): its allowance period began on {f:yyyy-MM-dd} and its monthly tier volume counts from {t:yyyy-MM-dd}, both before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); what was used before cannot be known, so the audit took the allowance as unused and the volume as zero"),
            ({ } f, null) => (
                $"{n}（{a.Plan.Name.Zh}）的套餐额度周期从 {f:yyyy-MM-dd} 开始，早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}）：此前用掉多少无从得知，稽核按余量未用计算",
                $"{n} ({a.Plan.Name.En}): its allowance period began on {f:yyyy-MM-dd}, before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); what was used before cannot be known, so the audit took the allowance as unused"),
            (null, { } t) => (
                $"{n}（{a.Plan.Name.Zh}）的阶梯用量从 {t:yyyy-MM-dd} 起按月累计，早于话单中该号码的第一通通话（{a.FirstCall:yyyy-MM-dd}）：此前的用量无从得知，稽核按零计算",
                $"{n} ({a.Plan.Name.En}): its monthly tier volume counts from {t:yyyy-MM-dd}, before the number's first call in the files ({a.FirstCall:yyyy-MM-dd}); the volume before cannot be known, so the audit took it as zero"),
            _ => throw new InvalidOperationException("no period started before the first call"),
        };
        return new LocalizedText(
            $"{zh}；取决于它的差异标为“待核实”，不计入涉及金额。补充自 {a.PeriodStart:yyyy-MM-dd} 起的通话记录后重新稽核即可核实",
            $"{en}; differences that rest on it are marked unverified and left out of the money at stake. Audit again with the calls from {a.PeriodStart:yyyy-MM-dd} on to verify them");
    }

    /// <summary>What a call's statement line should bill: its charge (whole fen) on per_call plans; on per_line plans its share of the rounded lines.</summary>
    private static Money.Money ExpectedOnLine(RatedCall call, Dictionary<string, Money.Money> shares) =>
        IsPerLine(call) ? shares.GetValueOrDefault(call.Call.CallId) : call.Charge.RoundToFen();

    /// <summary>
    /// Calls of per_line plans that together make rounded statement lines: the calls, their exact sum
    /// and the sum of those lines once each is rounded.
    /// </summary>
    internal sealed record PerLineGroup(HotlineNumber Number, BillingPeriod Period, IReadOnlyList<RatedCall> Calls, Money.Money Exact, Money.Money Total, LocalizedText Name);

    /// <summary>
    /// The lines calls of per_line plans make on a statement, as <see cref="StatementBuilder"/> makes
    /// them: per number, month and subscription, one usage line per plan version, band, rate source
    /// and rate, one for connect fees, one per per-minute service and one for the callers' share,
    /// each rounded once. Each call's share of a line is the line's running sum rounded after the call
    /// less before it (0.122 + 0.124 → 0.12 + 0.13 = 0.25), so the shares add up to the line. Calls
    /// that share a line (a call split over two bands, connect fees) are one group. Calls must come in
    /// rating order; per_call calls are skipped.
    /// </summary>
    internal static (Dictionary<string, Money.Money> Shares, List<PerLineGroup> Groups) PerLineUsage(IReadOnlyList<RatedCall> calls)
    {
        var lines = new Dictionary<string, (LocalizedText Name, List<(int Call, Money.Money Amount)> Parts)>(StringComparer.Ordinal);
        var order = new List<string>();
        var perLine = new List<RatedCall>();
        void Add(string key, LocalizedText name, Money.Money amount)
        {
            if (amount == Money.Money.Zero)
            {
                return;
            }
            if (!lines.TryGetValue(key, out var l))
            {
                l = (name, []);
                lines[key] = l;
                order.Add(key);
            }
            l.Parts.Add((perLine.Count - 1, amount));
        }
        foreach (var call in calls)
        {
            if (!IsPerLine(call))
            {
                continue;
            }
            perLine.Add(call);
            var v = call.Version;
            var (number, period) = CallStatement(call);
            var prefix = $"{number.Value}|{period}|{call.Subscription.Index}|";
            foreach (var p in call.Pieces)
            {
                var band = p.BandIndex >= 0 && p.BandIndex < v.Bands.Bands.Count ? v.Bands.Bands[p.BandIndex].Id + " " : "";
                Add($"{prefix}usage|{v.Number}|{p.BandIndex}|{(int)p.Source}|{p.Rate.YuanPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                    new($"{call.Plan.Key} v{v.Number} {band}{p.Rate} 元/分钟", $"{call.Plan.Key} v{v.Number} {band}{p.Rate}/min"), p.Charge);
            }
            Add(prefix + "connect", new("接通费", "connect fees"), call.ConnectFee);
            foreach (var f in call.ServiceFees)
            {
                Add(prefix + "service|" + f.Service.Id, new($"{f.Service.Name.Zh} 按分钟费", $"{f.Service.Name.En} per minute"), f.Amount);
            }
            if (call.CallerShareCharged)
            {
                Add(prefix + "share", new("主叫方通话费", "callers' share"), call.CallerShare);
            }
        }

        // Shares, and the groups: calls joined by the lines they share (union-find).
        var shares = new Dictionary<string, Money.Money>(StringComparer.Ordinal);
        var parent = Enumerable.Range(0, perLine.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                i = parent[i] = parent[parent[i]];
            }
            return i;
        }
        foreach (var key in order)
        {
            var parts = lines[key].Parts;
            var running = Money.Money.Zero;
            var assigned = Money.Money.Zero;
            foreach (var (i, amount) in parts)
            {
                running += amount;
                var rounded = running.RoundToFen();
                var id = perLine[i].Call.CallId;
                shares[id] = shares.GetValueOrDefault(id) + (rounded - assigned);
                assigned = rounded;
                parent[Root(i)] = Root(parts[0].Call);
            }
        }
        var groups = new List<PerLineGroup>();
        var membersOf = Enumerable.Range(0, perLine.Count).ToLookup(Root);
        foreach (var byRoot in order.GroupBy(k => Root(lines[k].Parts[0].Call)))
        {
            var members = membersOf[byRoot.Key].Select(i => perLine[i]).ToList();
            var sums = byRoot.Select(k => lines[k].Parts.Aggregate(Money.Money.Zero, (t, p) => t + p.Amount)).ToList();
            var (number, period) = CallStatement(members[0]);
            groups.Add(new PerLineGroup(number, period, members,
                sums.Aggregate(Money.Money.Zero, (t, a) => t + a),
                sums.Aggregate(Money.Money.Zero, (t, a) => t + a.RoundToFen()),
                new(string.Join("、", byRoot.Select(k => lines[k].Name.Zh)), string.Join(", ", byRoot.Select(k => lines[k].Name.En)))));
        }
        return (shares, groups);
    }

    /// <summary>The statement a call belongs on: its number and the month it started in (China time).</summary>
    private static (HotlineNumber Number, BillingPeriod Period) CallStatement(RatedCall call) =>
        (call.Call.Number, BillingPeriod.Of(ChinaTime.Date(call.Call.StartedMs)));

    /// <summary>A finding on a statement line; the amount billed counts rounded to the fen (docs/audit.md).</summary>
    private static AuditFinding Finding(AuditCause cause, ProviderCharge line, Money.Money expected, LocalizedText detail) =>
        new(cause, line.Number, line.Period, line.CallId, line.LineType, line.Line, expected, line.Amount.RoundToFen(), detail);

    /// <summary>Names why a call's billed amount differs: minutes first (they drive the rest), then the allowance, then the rate.</summary>
    private static AuditFinding CompareCall(ProviderCharge line, RatedCall call, Money.Money expected)
    {
        var id = line.CallId!;
        var minutes = call.BilledSeconds / 60m;
        var rate = call.MainPiece.Rate.YuanPerMinute;
        var covered = call.Pieces.Sum(p => p.CoveredSeconds);
        if (line.BilledMinutes is { } m && decimal.Round(m, 2) != decimal.Round(minutes, 2))
        {
            return Finding(AuditCause.BilledMinutes, line, expected,
                new($"通话 {id}：计费时长 {call.BillableSeconds} 秒按套餐规则计 {Minutes(call.BilledSeconds)} 分钟，账单计 {m.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} 分钟",
                    $"call {id}: {call.BillableSeconds} billable seconds bill {Minutes(call.BilledSeconds)} min under the plan; the statement bills {m.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} min"));
        }
        if (covered > 0 && line.Amount > expected)
        {
            return Finding(AuditCause.AllowanceNotHonoured, line, expected,
                new($"通话 {id}：{Minutes(covered)} 分钟应由套餐余量抵扣（余量 {Minutes(call.AllowanceBeforeSeconds)} 分钟），账单却收费",
                    $"call {id}: {Minutes(covered)} min were covered by the allowance ({Minutes(call.AllowanceBeforeSeconds)} min left), yet charged"));
        }
        var usedUp = UsedUp(call);
        if (line.Rate is { } r && r != rate)
        {
            var band = call.MainPiece.BandIndex >= 0 && call.MainPiece.BandIndex < call.Version.Bands.Bands.Count ? call.Version.Bands.Bands[call.MainPiece.BandIndex].Id : "";
            var (bandZh, bandEn) = call.MainPiece.Source == RateSource.Overage ? ("套餐外", "overage") : (band, band);
            return Finding(AuditCause.RateDiffers, line, expected,
                new($"通话 {id}：应按 {call.MainPiece.Rate} 元/分钟（{bandZh}{(bandZh.Length > 0 ? "，" : "")}{call.Plan.Key} v{call.Version.Number}），账单按 {r} 元/分钟{usedUp.Zh}",
                    $"call {id}: the rate is {call.MainPiece.Rate}/min ({bandEn}{(bandEn.Length > 0 ? ", " : "")}{call.Plan.Key} v{call.Version.Number}); billed at {r}/min{usedUp.En}"));
        }
        return IsPerLine(call)
            ? Finding(AuditCause.ChargeDiffers, line, expected,
                new($"通话 {id}：精确费用 {call.Charge} 元（按行取整，本通分摊 {expected} 元），账单 {line.Amount} 元（相差 1 分或以上）{usedUp.Zh}",
                    $"call {id}: charge is {call.Charge} exactly ({expected} as its share of the line rounded once); billed {line.Amount}, a fen or more apart{usedUp.En}"))
            : Finding(AuditCause.ChargeDiffers, line, expected,
                new($"通话 {id}：应收 {expected} 元，账单 {line.Amount} 元{usedUp.Zh}", $"call {id}: charge is {expected}; billed {line.Amount}{usedUp.En}"));
    }

    /// <summary>
    /// When the call's allowance ran out before or during it, the end of a sentence that says so: what
    /// was left before the call and the overage rate for the rest; empty otherwise.
    /// </summary>
    private static LocalizedText UsedUp(RatedCall call)
    {
        var over = Array.FindIndex(call.Pieces, p => p.Source == RateSource.Overage);
        if (over < 0)
        {
            return new LocalizedText("", "");
        }
        var left = Minutes(call.AllowanceBeforeSeconds);
        var rate = call.Pieces[over].Rate;
        return new LocalizedText($"；套餐余量已用完（本通前余量 {left} 分钟），超出部分按套餐外 {rate} 元/分钟计费",
            $"; the allowance was used up ({left} min left before the call), the rest at the overage rate of {rate}/min");
    }

    private static string Minutes(long seconds) => (seconds / 60m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The statement line type a built line is billed under; null for lines made of calls (audited call by call) and payments.</summary>
    public static string? FeeKey(StatementLine line)
    {
        var term = line.Trace.Term;
        return line.Kind switch
        {
            LineKind.Package => "package",
            LineKind.Promotion => "promotion",
            LineKind.MonthlyFee => "monthly_fee",
            LineKind.OutboundFee => "outbound_fee",
            LineKind.Seats => "seats",
            LineKind.MinimumTopUp => "minimum",
            LineKind.ServiceFee => "service_fee:" + ServiceId(term),
            LineKind.OneOff => term.StartsWith("grades.", StringComparison.Ordinal) ? "one_off:selection" : "one_off:" + ServiceId(term),
            _ => null,
        };
    }

    /// <summary>"services.ivr.yearly" → "ivr".</summary>
    private static string ServiceId(string term)
    {
        var parts = term.Split('.');
        return parts.Length >= 2 && parts[0] == "services" ? parts[1] : term;
    }
}
