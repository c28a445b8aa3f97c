import CZlib

/// Turns a file's bytes into the UTF-8 text importers read: gunzips gzip members and
/// transcodes UTF-16 (with or without a byte-order mark); drops a UTF-8 byte-order mark.
enum InputDecoding {
    struct Decoded {
        var bytes: [UInt8]
        var notes: [String]
    }

    /// Whether bytes need more than dropping a UTF-8 byte-order mark: gzip or UTF-16.
    static func needsDecoding(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { return true }
        return utf16Endianness(Array(bytes.prefix(512))) != nil
    }

    static func withoutByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }

    static func decode(_ raw: [UInt8], maximumBytes: Int) throws(ImportFailure) -> Decoded {
        var bytes = raw
        var notes: [String] = []
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            bytes = try gunzip(bytes, maximumBytes: maximumBytes)
            notes.append("gzip-compressed")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3)
        } else if let endianness = utf16Endianness(bytes) {
            bytes = transcodeUTF16(bytes, littleEndian: endianness.littleEndian, skipBOM: endianness.hasBOM)
            notes.append(
                "UTF-16 \(endianness.littleEndian ? "LE" : "BE")\(endianness.hasBOM ? "" : " without a byte-order mark"), read as text"
            )
        }
        guard bytes.count <= maximumBytes else {
            throw ImportFailure(
                .limitExceeded,
                message: ImportSupport.limitMessage(
                    "the input is \(bytes.count) bytes", limit: maximumBytes, unit: "bytes", option: .bytes))
        }
        return Decoded(bytes: bytes, notes: notes)
    }

    /// UTF-16 is recognized by its byte-order mark, or, without one, by ASCII text whose every
    /// other byte is zero (text dumps are mostly ASCII).
    static func utf16Endianness(_ bytes: [UInt8]) -> (littleEndian: Bool, hasBOM: Bool)? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE { return (true, true) }
            if bytes[0] == 0xFE, bytes[1] == 0xFF { return (false, true) }
        }
        let sample = min(bytes.count, 512) & ~1
        guard sample >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in 0..<sample {
            if bytes[index] == 0 {
                if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
            }
        }
        let pairs = sample / 2
        if oddZeros * 10 >= pairs * 9, evenZeros == 0 { return (true, false) }
        if evenZeros * 10 >= pairs * 9, oddZeros == 0 { return (false, false) }
        return nil
    }

    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool, skipBOM: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = skipBOM ? 2 : 0
        while index + 1 < bytes.count {
            let unit =
                littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(unit)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Inflates every gzip member in turn (concatenated members are valid gzip).
    static func gunzip(_ input: [UInt8], maximumBytes: Int) throws(ImportFailure) -> [UInt8] {
        let (output, failure) = inflateGzip(input, maximumBytes: maximumBytes)
        if let failure { throw failure }
        return output
    }

    /// What a broken gzip input inflates to before it breaks, up to `maximumBytes` (at least
    /// 64 KiB are asked for): enough to tell the format of a truncated `.json.gz` for its error.
    static func gunzipPrefix(_ input: [UInt8], maximumBytes: Int = ContentSniff.prefixLength) -> [UInt8] {
        Array(inflateGzip(input, maximumBytes: maximumBytes).output.prefix(maximumBytes))
    }

    private static func inflateGzip(_ input: [UInt8], maximumBytes: Int) -> (output: [UInt8], failure: ImportFailure?) {
        var output: [UInt8] = []
        output.reserveCapacity(min(input.count * 4, maximumBytes))
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return ([], ImportFailure(.unreadable, message: "could not start gzip decompression"))
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var failure: ImportFailure?
        input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maximumBytes {
                    failure = ImportFailure(
                        .limitExceeded,
                        message: ImportSupport.limitMessage(
                            "the decompressed input is over \(maximumBytes) bytes", limit: maximumBytes, unit: "bytes",
                            option: .bytes))
                    return
                }
                if status == Z_STREAM_END {
                    // Another member may follow.
                    guard stream.avail_in > 0 else { return }
                    inflateReset(&stream)
                    continue
                }
                // The byte of the file inflate stopped at (total_in restarts with each member).
                let offset = inputBuffer.count - Int(stream.avail_in)
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    failure = ImportFailure(
                        .syntax, offset: offset,
                        message:
                            "gzip data ends early (truncated file?) at byte \(offset) of the file, after \(output.count) decompressed bytes"
                    )
                    return
                }
                guard status == Z_OK else {
                    let reason = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                    failure = ImportFailure(
                        .syntax, offset: offset, message: "corrupt gzip data at byte \(offset) of the file: \(reason)")
                    return
                }
            }
        }
        return (output, failure)
    }
}
