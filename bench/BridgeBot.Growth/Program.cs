// Growth benchmark of the data model: Redis commands, bytes and latency per operation at 1k, 10k and 100k meetings
// and requests, on one real redis-server, then key spread on a 3-master cluster. Loopback only, bounded loops.
//
//   dotnet run -c Release --project bench/BridgeBot.Growth -- [sizes...]     (default 1000 10000 100000)
using System.Diagnostics;
using System.Globalization;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Growth;
using BridgeBot.State.Redis;
using BridgeBot.TestKit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
var rows = new List<string>();
var memory = new List<string>();

await using (var server = await RedisServer.StartNewAsync("--appendonly", "no"))
await using (var connection = await server.ConnectAsync())
{
    var world = new World(connection);
    var meetingCount = 0;
    var requestCount = 0;
    foreach (var size in sizes)
    {
        var before = await world.UsedMemoryAsync();
        meetingCount = await world.GrowMeetingsAsync(meetingCount, size);
        var between = await world.UsedMemoryAsync();
        var grown = size - requestCount;
        requestCount = await world.GrowRequestsAsync(requestCount, size);
        var after = await world.UsedMemoryAsync();
        memory.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {(between - before) / (double)grown:N0} | {(after - between) / (double)grown:N0} | {after / 1048576.0:N0} |"));
        rows.Add(await world.MeasureAsync(size));
    }
}

Console.WriteLine("| items | ingest: commands | ingest: bytes | filing: commands | filing: bytes | change: commands | change: bytes | coverage report p50 ms (round trips) | queue page p50 ms | status p50 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine("| items | memory per meeting (bytes) | memory per request (bytes) | used_memory (MB) |");
Console.WriteLine("|---|---|---|---|");
memory.ForEach(Console.WriteLine);

var spreadAt = sizes.Max();
await using (var cluster = await RedisCluster.StartNewAsync())
await using (var connection = await cluster.ConnectAsync())
{
    var world = new World(connection);
    await world.GrowMeetingsAsync(0, spreadAt);
    await world.GrowRequestsAsync(0, spreadAt);
    var keys = new List<long>();
    foreach (var node in connection.GetServers().Where(s => !s.IsReplica))
    {
        keys.Add(await node.DatabaseSizeAsync());
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Cluster, {spreadAt:N0} meetings + {spreadAt:N0} requests: keys per primary {string.Join(" / ", keys)} (largest share {100.0 * keys.Max() / keys.Sum():0.0}%), errors {world.Errors}."));
}

namespace BridgeBot.Growth
{
    using StackExchange.Redis.Profiling;

    internal sealed class World
    {
        private const int Sample = 200;
        private const int Parallelism = 16;
        private static readonly AsyncLocal<ProfilingSession?> Session = new();
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

        private readonly IConnectionMultiplexer _connection;
        private readonly MeetingsOptions _options = new()
        {
            TitleKeywords = ["campaign"],
            ItRepresentatives = Enumerable.Range(0, 12).Select(i => $"rep{i}@contoso.com").ToList(),
            WeeklyCap = 1_000_000,
            TenantId = "tenant-1",
        };

        private readonly MeetingTracker _tracker;
        private readonly CoverageLedger _ledger;
        private readonly RequestRepository _requests;
        private int _errors;

        public World(IConnectionMultiplexer connection)
        {
            _connection = connection;
            connection.RegisterProfiler(() => Session.Value);
            var stores = TestStores.Redis(connection);
            var time = TimeProvider.System;
            _tracker = new MeetingTracker(stores.Meetings(_options, time), new RotationPlanner(stores.State, _options, time),
                new RedisScheduleStore(connection),
                new MeetingNotifier(new Outbox([]), _options, new NoAppInstaller(), new PeopleMatcher(new NoPeopleDirectory(), _options)), _options, time);
            _ledger = new CoverageLedger(stores.Tallies, _options, time);
            _requests = new RequestRepository(stores.State, stores.Index, Options.Create(new RequestsOptions()), time);
        }

        public int Errors => _errors;

        // 100,000 meetings a year: starts spread over the 400 retained days, most of them past, 200 organizers.
        private static MeetingSnapshot Meeting(int i)
        {
            var start = Now.AddDays(-340 + (i * 7919L % 400)).AddMinutes(i % 480);
            var attendees = i % 3 == 0 ? new[] { new MeetingAttendee(new MeetingPerson($"rep{i % 12}@contoso.com"), AttendeeResponse.Accepted) } : [];
            return new MeetingSnapshot($"growth-{i}", "api", $"Campaign review {i}", new MeetingPerson($"organizer{i % 200}@contoso.com"),
                start, start.AddMinutes(45), attendees, $"https://teams.example/l/meetup-join/growth-{i}");
        }

        private static ItRequest Request(string id, int i) => new(
            id,
            new Requester(ChannelKind.Slack, "T1", $"U{i % 500}", null, null, new ConversationKey(ChannelKind.Slack, "T1", $"D{i % 500}")),
            new Dictionary<string, string>
            {
                ["title"] = $"Landing page {i}", ["urgency"] = (i % 3) switch { 0 => "high", 1 => "medium", _ => "low" },
                ["goal"] = "More sign-ups for the spring campaign", ["deadline"] = "2027-03-01",
            },
            RequestStatus.Submitted,
            Now.AddMinutes(-i));

        public async Task<int> GrowMeetingsAsync(int from, int to)
        {
            await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (i, ct) => await GuardAsync(() => _tracker.ObserveAsync(Meeting(i), ct)));
            return to;
        }

        public async Task<int> GrowRequestsAsync(int from, int to)
        {
            await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (i, ct) => await GuardAsync(async () => await _requests.CreateAsync(Request(await _requests.NextIdAsync(ct), i), ct)));
            return to;
        }

        public async Task<string> MeasureAsync(int size)
        {
            var offset = 10_000_000 + size;
            var ingest = await CostAsync(i => _tracker.ObserveAsync(Meeting(offset + i), default));
            var filed = new List<string>();
            var filing = await CostAsync(async i =>
            {
                var id = await _requests.ReserveIdAsync($"growth-submission-{offset + i}", default);
                await _requests.CreateAsync(Request(id, offset + i), default);
                lock (filed)
                {
                    filed.Add(id);
                }
            });
            var change = await CostAsync(async i =>
            {
                var read = (await _requests.GetAsync(filed[i], default))!;
                await _requests.UpdateAsync(read, read.Value with { Status = RequestStatus.Triaged }, default);
            });
            var (report, reportTrips) = await LatencyAsync(() => _ledger.ReportAsync(12, default));
            var (queue, _) = await LatencyAsync(async () =>
            {
                var counts = _requests.CountOpenAsync(default);
                await _requests.ListOpenAsync(20, null, default);
                await counts;
            });
            var (status, _) = await LatencyAsync(() => _requests.ListByRequesterAsync(ChannelKind.Slack, "T1", "U7", 20, null, default));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {ingest.Commands:0.0} | {ingest.Bytes:N0} | {filing.Commands:0.0} | {filing.Bytes:N0} | {change.Commands:0.0} | {change.Bytes:N0} | {report:0.00} ({reportTrips}) | {queue:0.00} | {status:0.00} |");
        }

        private async Task GuardAsync(Func<Task> work)
        {
            try
            {
                await work();
            }
            catch (RedisException)
            {
                Interlocked.Increment(ref _errors);
                throw;
            }
        }

        // Commands as the client sends them (profiled), bytes as the server counts them, both per operation.
        private async Task<(double Commands, double Bytes)> CostAsync(Func<int, Task> operation)
        {
            var bytesBefore = await NetBytesAsync();
            var session = new ProfilingSession();
            Session.Value = session;
            for (var i = 0; i < Sample; i++)
            {
                await operation(i);
            }

            Session.Value = null;
            var commands = session.FinishProfiling().Count();
            var bytes = await NetBytesAsync() - bytesBefore;
            return ((double)commands / Sample, (double)bytes / Sample);
        }

        // p50 over 50 runs after 5 warm-ups, and the round trips of one run (commands sent together count as one).
        private static async Task<(double P50, int RoundTrips)> LatencyAsync(Func<Task> read)
        {
            for (var i = 0; i < 5; i++)
            {
                await read();
            }

            var session = new ProfilingSession();
            Session.Value = session;
            await read();
            Session.Value = null;
            var trips = RoundTrips(session.FinishProfiling());

            var times = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                var watch = Stopwatch.StartNew();
                await read();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            return (times[times.Count / 2], trips);
        }

        // Commands whose send-to-reply windows overlap were in flight together: one round trip.
        private static int RoundTrips(IEnumerable<IProfiledCommand> commands)
        {
            var trips = 0;
            var busyUntil = DateTime.MinValue;
            foreach (var command in commands.OrderBy(c => c.CommandCreated))
            {
                var sent = command.CommandCreated;
                var done = sent + command.ElapsedTime;
                if (sent >= busyUntil)
                {
                    trips++;
                }

                busyUntil = done > busyUntil ? done : busyUntil;
            }

            return trips;
        }

        public async Task<long> UsedMemoryAsync()
        {
            long total = 0;
            foreach (var server in _connection.GetServers().Where(s => !s.IsReplica))
            {
                var info = (await server.InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
                total += long.Parse(info["used_memory"], CultureInfo.InvariantCulture);
            }

            return total;
        }

        private async Task<long> NetBytesAsync()
        {
            long total = 0;
            foreach (var server in _connection.GetServers().Where(s => !s.IsReplica))
            {
                var stats = (await server.InfoAsync("stats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
                total += long.Parse(stats["total_net_input_bytes"], CultureInfo.InvariantCulture) +
                         long.Parse(stats["total_net_output_bytes"], CultureInfo.InvariantCulture);
            }

            return total;
        }
    }
}
