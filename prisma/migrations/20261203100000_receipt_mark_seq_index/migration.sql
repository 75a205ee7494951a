-- DropIndex
-- Nothing reads receipt marks by (conversationId, seq): message info looks them up by member
-- (the primary key's prefix), and deleting a conversation's marks uses that prefix too. Every ack
-- that moves a watermark wrote a page of this index for nothing.
DROP INDEX "ReceiptMark_conversationId_seq_idx";
