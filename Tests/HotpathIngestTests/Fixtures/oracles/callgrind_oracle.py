#!/usr/bin/env python3
"""An independent count of every vendored callgrind fixture, for CallgrindImporterTests.

Follows valgrind's "Callgrind Format Specification" (version 1) on its own: name compression
("(id) name" defines, "(id)" refers; objects, files and functions each their own table),
subposition compression (+n, -n, *), the positions: and events: headers, calls= lines whose next
line is the inclusive cost of the call, jump=/jcnd= lines whose next line is a position only,
and parts (summed). For each file: its events, per event the total self cost, the number of
functions, and per function (named as Hotpath names them: an unsymbolized 0x… name gets its
object's file name in parentheses) the self cost and the inclusive cost (self plus the cost of
its calls to other functions) of the first event, as KCachegrind computes them, and whether it
is on a cycle of calls (it reaches itself through other functions), and whether the functions
below it cost (self plus calls) what the calls to them say, within 0.5%. A file whose
cost lines hold something other than numbers is listed as refused, with why.

Run from the repository root:
    python3 Tests/HotpathIngestTests/Fixtures/oracles/callgrind_oracle.py \
        > Tests/HotpathIngestTests/Fixtures/oracles/callgrind-oracle.json
"""
import collections
import gzip
import json
import os

ROOT = "Tests/Fixtures/samples/other/callgrind"


def lines_of(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read().split("\n")


def decompress(value, table):
    value = value.strip()
    if not value.startswith("("):
        return value
    close = value.index(")")
    number = int(value[1:close])
    rest = value[close + 1:].strip()
    if rest:
        table[number] = rest
        return rest
    return table[number]


def number(text):
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def on_cycles(edges):
    """The functions on a cycle of calls between different functions: those that reach themselves."""
    graph = collections.defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    result = set()
    for start in list(graph):
        seen, todo = set(), list(graph[start])
        while todo:
            node = todo.pop()
            if node == start:
                result.add(start)
                break
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
    return result


def read(path):
    events = []
    tables = {"ob": {}, "fl": {}, "fn": {}}
    kind_of = {"ob": "ob", "cob": "ob", "fl": "fl", "fi": "fl", "fe": "fl", "cfi": "fl", "cfl": "fl",
               "jfi": "fl", "fn": "fn", "cfn": "fn", "jfn": "fn"}
    self_cost = collections.defaultdict(lambda: collections.Counter())
    calls = collections.defaultdict(lambda: collections.Counter())
    obj = ""
    called_obj = None
    fn = None
    called = None
    expect = None  # "call" or "jump"
    npositions = 1

    def named(name, in_obj):
        if name.startswith("0x") and in_obj:
            return "%s (%s)" % (name, in_obj.split("/")[-1])
        return name or "(unnamed)"

    for raw in lines_of(path):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line[0].isdigit() or line[0] in "+-*":
            fields = line.split()
            costs = [number(f) for f in fields[npositions:]]
            if expect == "call":
                for index, value in enumerate(costs):
                    calls[(fn, called)][events[index]] += value
                called = None
                called_obj = None
            elif expect == "jump":
                pass
            else:
                for index, value in enumerate(costs):
                    self_cost[fn][events[index]] += value
            expect = None
            continue
        eq, colon = line.find("="), line.find(":")
        if colon >= 0 and (eq < 0 or colon < eq):
            key, value = line[:colon], line[colon + 1:].strip()
            if key == "events":
                events = value.split()
            elif key == "positions":
                npositions = len(value.split())
            elif key == "part":
                fn = called = None
            continue
        key, value = line[:eq], line[eq + 1:]
        if key in ("calls", "jump", "jcnd"):
            expect = "call" if key == "calls" else "jump"
            continue
        if kind_of[key] == "fn":
            # A compressed function id names the function of the object it was defined in.
            value = value.strip()
            in_obj = obj if key != "cfn" or called_obj is None else called_obj
            if value.startswith("(") and not value[value.index(")") + 1:].strip():
                name = tables["fn"][int(value[1:value.index(")")])]
            elif value.startswith("("):
                close = value.index(")")
                name = named(value[close + 1:].strip(), in_obj)
                tables["fn"][int(value[1:close])] = name
            else:
                name = named(value, in_obj)
            if key == "fn":
                fn = name
                self_cost[fn]
                called = None
                called_obj = None
            elif key == "cfn":
                called = name
                self_cost[called]
            continue
        name = decompress(value, tables[kind_of[key]])
        if key == "ob":
            obj = name
        elif key == "cob":
            called_obj = name
    first = events[0]
    cyclic = on_cycles({(a, b) for (a, b), c in calls.items() if a != b and c[first] > 0})
    inclusive = {}
    inflow = collections.Counter()
    for name, costs in self_cost.items():
        inclusive[name] = costs[first] + sum(
            c[first] for (caller, callee), c in calls.items() if caller == name and callee != name)
    for (caller, callee), c in calls.items():
        if caller != callee:
            inflow[callee] += c[first]

    def consistent_below(name):
        """Whether every function called below `name` costs what the calls to it say."""
        seen, todo = set(), [name]
        while todo:
            node = todo.pop()
            for (caller, callee), c in calls.items():
                if caller == node and callee != node and c[first] > 0 and callee not in seen:
                    seen.add(callee)
                    if abs(inflow[callee] - inclusive[callee]) > 0.005 * inclusive[callee]:
                        return False
                    todo.append(callee)
        return True

    functions = {}
    for name, costs in self_cost.items():
        outgoing = sum(c[first] for (caller, callee), c in calls.items() if caller == name and callee != name)
        functions[name] = {"self": costs[first], "inclusive": costs[first] + outgoing, "on_cycle": name in cyclic,
                          "consistent_below": consistent_below(name)}
    totals = {event: sum(c[event] for c in self_cost.values()) for event in events}
    callers = collections.Counter(callee for (caller, callee), c in calls.items() if caller != callee and c[first] > 0)
    return {
        "events": events,
        "totals": totals,
        "functions": len(self_cost),
        "shared_callees": sum(1 for count in callers.values() if count > 1),
        "per_function": functions,
    }


def main():
    result = {}
    for folder, _, files in sorted(os.walk(ROOT)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                result[os.path.relpath(path, ROOT)] = read(path)
            except ValueError as error:
                # Not the format: costs are plain numbers (speedscope's test file compresses them).
                result[os.path.relpath(path, ROOT)] = {"refused": str(error)}
    print(json.dumps(result, indent=1, sort_keys=True))


main()
